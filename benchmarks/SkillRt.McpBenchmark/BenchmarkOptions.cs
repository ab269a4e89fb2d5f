using System;
using System.Globalization;
using System.IO;

namespace SkillRt.McpBenchmark;

/// <summary>The command line: which <c>skillrt</c> to start, and how many calls and start-ups to measure.</summary>
internal sealed record BenchmarkOptions(string Skillrt, int Calls, int Warmup, int Startups)
{
    /// <summary>How to start <see cref="Skillrt"/>: a .dll through <c>dotnet</c>, anything else as is.</summary>
    public (string Command, string[] Prefix) Command =>
        Skillrt.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [Skillrt]) : (Skillrt, []);

    public static BenchmarkOptions Parse(string[] args)
    {
        string? skillrt = null;
        int calls = 2000, warmup = 200, startups = 10;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--skillrt": skillrt = Path.GetFullPath(value); break;
                case "--calls": calls = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--startups": startups = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}; the options are --skillrt, --calls, --warmup and --startups.");
            }

            i++;
        }

        if (skillrt is null || !File.Exists(skillrt))
        {
            throw new ArgumentException("--skillrt <path> must name the skillrt executable (or skillrt.dll) to measure; benchmarks/mcp/run.sh builds one.");
        }

        return new BenchmarkOptions(skillrt, calls, warmup, startups);
    }
}
