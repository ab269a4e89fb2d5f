using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Conformance.Tests;

/// <summary>
/// Runs <c>skillrt validate --format conformance</c> on every case once, in process, writes each output to
/// <c>&lt;area&gt;/&lt;case&gt;.json</c> and has <c>run.py --actual</c> compare them all: one report the tests read.
/// </summary>
public sealed class InProcessSuiteRun : IAsyncLifetime
{
    private readonly string _outputs = Directory.CreateTempSubdirectory("skillrt-conformance-").FullName;
    private readonly Dictionary<string, JsonElement> _results = new(StringComparer.Ordinal);
    private JsonDocument? _report;

    /// <summary>Exit codes the command gave that were not 0, by case: the contract's command must answer every case.</summary>
    public Dictionary<string, string> Failures { get; } = new(StringComparer.Ordinal);

    public JsonElement Summary => _report!.RootElement.GetProperty("summary");

    public JsonElement Result(string name) => _results[name];

    public async ValueTask InitializeAsync()
    {
        foreach (var name in ConformanceCases.Names)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exitCode = await Cli.SkillCommandLine.InvokeAsync(
                ["validate", "--format", "conformance", ConformanceCases.SkillFile(name)], output, error, TestContext.Current.CancellationToken);
            if (exitCode != 0)
            {
                Failures[name] = $"exit code {exitCode}: {error}";
            }

            var path = Path.Combine(_outputs, name.Replace('/', Path.DirectorySeparatorChar) + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, output.ToString(), new UTF8Encoding(false), TestContext.Current.CancellationToken);
        }

        _report = await SuiteRunner.RunAsync(["--actual", _outputs], TestContext.Current.CancellationToken);
        foreach (var result in _report.RootElement.GetProperty("cases").EnumerateArray())
        {
            _results[result.GetProperty("case").GetString()!] = result;
        }
    }

    public ValueTask DisposeAsync()
    {
        _report?.Dispose();
        Directory.Delete(_outputs, recursive: true);
        return ValueTask.CompletedTask;
    }
}
