using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SkillRt.Scanning;

// Usage: dotnet run -c Release --project benchmarks/SkillRt.ScanBenchmark [-- <repository root>]
// Prints the cold first scan, per-scan latency percentiles of a generated 100 KB skill (as a packed
// .nupkg, what the registry scans at publish, and as files in memory), and skills per second over
// the repository's real skill folders (examples/ and samples/, read from disk each time).
var root = args.Length > 0 ? args[0] : FindRoot();
var scanner = new SkillScanner(new ScanOptions { KnownNames = PopularNames() });
var package = GeneratedSkill.Package(out var unpackedBytes, out var files);

var cold = Stopwatch.StartNew();
var first = scanner.ScanPackage(package);
cold.Stop();
Console.WriteLine($"generated skill: {files.Count} files, {unpackedBytes / 1024.0:F1} KB unpacked, {package.Length / 1024.0:F1} KB packed; {first.Findings.Count} findings");
Console.WriteLine($"cold first scan (JIT, pattern compilation): {cold.Elapsed.TotalMilliseconds:F1} ms");

if (Environment.GetEnvironmentVariable("SCAN_PROFILE") == "1")
{
    foreach (var rule in ScanRules.All)
    {
        var only = new SkillScanner(new ScanOptions { KnownNames = PopularNames(), DisabledRules = ScanRules.All.Select(r => r.Id).Where(id => id != rule.Id).ToList() });
        Measure("only " + rule.Id, 20, () => only.ScanPackage(package));
    }
}

Measure("100 KB skill, .nupkg (publish path)", 300, () => scanner.ScanPackage(package));
Measure("100 KB skill, files in memory", 300, () => scanner.ScanFiles(files));

var folders = Directory.EnumerateFiles(Path.Combine(root, "examples"), "SKILL.md", SearchOption.AllDirectories)
    .Concat(Directory.EnumerateFiles(Path.Combine(root, "samples"), "SKILL.md", SearchOption.AllDirectories))
    .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal))
    .Select(Path.GetDirectoryName)
    .ToList();
var clock = Stopwatch.StartNew();
var scans = 0;
while (clock.Elapsed < TimeSpan.FromSeconds(5))
{
    foreach (var folder in folders)
    {
        scanner.ScanDirectory(folder!);
        scans++;
    }
}

Console.WriteLine($"throughput, {folders.Count} real skill folders from disk: {scans / clock.Elapsed.TotalSeconds:F0} skills/s");

clock.Restart();
scans = 0;
while (clock.Elapsed < TimeSpan.FromSeconds(5))
{
    scanner.ScanPackage(package);
    scans++;
}

Console.WriteLine($"throughput, generated 100 KB .nupkg: {scans / clock.Elapsed.TotalSeconds:F0} skills/s");

void Measure(string name, int iterations, Action scan)
{
    // Long enough for tiered compilation to settle: a registry scans many packages per process.
    for (var i = 0; i < 100; i++)
    {
        scan();
    }

    var samples = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        scan();
        samples[i] = watch.Elapsed.TotalMilliseconds;
    }

    Array.Sort(samples);
    double P(double p) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(p * samples.Length) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: p50 {P(0.50):F2} ms, p90 {P(0.90):F2} ms, p99 {P(0.99):F2} ms, max {samples[^1]:F2} ms ({iterations} scans)"));
}

static string FindRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "SkillRt.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Pass the repository root.");
}

static List<string> PopularNames()
{
    // A registry passes its most downloaded names; 200 is a realistic list to compare against.
    var names = new List<string> { "pr-review", "csv-summary", "commit-style" };
    for (var i = 0; names.Count < 200; i++)
    {
        names.Add("popular-skill-" + i.ToString(CultureInfo.InvariantCulture));
    }

    return names;
}

/// <summary>A realistic 100 KB skill: a long SKILL.md with code blocks, shell/Python/JavaScript scripts and Markdown references, all clean.</summary>
internal static class GeneratedSkill
{
    public static byte[] Package(out long unpackedBytes, out List<ScanInputFile> files)
    {
        files =
        [
            new("SKILL.md", Repeat("---\nname: big-skill\ndescription: A large skill for the scanner benchmark.\npermissions:\n  network: [api.github.com]\n  env: [GITHUB_TOKEN]\n---\n", "## Step {0}\n\nRead the input and summarise section {0} for the user. Keep it short and list each finding with its severity.\n\n```bash\npython3 scripts/tool.py --section {0} | head -n 20\n```\n\n", 20_000)),
            new("scripts/run.sh", Repeat("#!/bin/bash\nset -euo pipefail\n", "count_{0}=$(grep -c 'item {0}' \"$1\" || true)\necho \"section {0}: $count_{0}\"\n", 15_000)),
            new("scripts/tool.py", Repeat("#!/usr/bin/env python3\nimport json, sys\n", "def section_{0}(rows):\n    return [r for r in rows if r.get('section') == {0}]\n\n", 20_000)),
            new("scripts/format.mjs", Repeat("// Formats results.\n", "export function format{0}(item) {{ return `${{item.name}}: ${{item.value}}`; }}\n", 15_000)),
            new("references/guide.md", Repeat("# Guide\n\n", "Rule {0}: when a value is missing, say so instead of guessing; cite the line it came from.\n", 20_000)),
            new("assets/data.json", Repeat("[\n", "  {{\"id\": {0}, \"name\": \"item {0}\", \"value\": {0}.5}},\n", 10_000)),
        ];
        unpackedBytes = files.Sum(f => (long)f.Content.Length);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "Bench.BigSkill.nuspec", "<?xml version=\"1.0\"?><package><metadata><id>Bench.BigSkill</id><version>1.0.0</version></metadata></package>");
            foreach (var file in files)
            {
                var entry = zip.CreateEntry("skills/big-skill/" + file.Path, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(file.Content);
            }
        }

        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string path, string text)
    {
        using var stream = zip.CreateEntry(path).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    private static byte[] Repeat(string head, string format, int bytes)
    {
        var builder = new StringBuilder(head);
        for (var i = 0; builder.Length < bytes; i++)
        {
            builder.AppendFormat(CultureInfo.InvariantCulture, format, i);
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
