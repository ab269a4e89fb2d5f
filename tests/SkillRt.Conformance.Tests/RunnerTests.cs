using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Conformance.Tests;

/// <summary>The runner and the contract as another implementation meets them: a real process per case, and wrong answers caught.</summary>
public sealed class RunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_built_skillrt_passes_an_area_as_a_process_per_case()
    {
        // The bytes cases (CRLF, lone CR, byte order mark, invalid UTF-8, NUL) cross the process boundary:
        // the body must arrive on stdout as the spec says, not as the console's encoding makes it.
        using var report = await SuiteRunner.RunAsync(["--command", SkillrtCommand(), "--filter", "02-file-structure/", "--jobs", "2"], Ct);
        var failed = report.RootElement.GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() != "pass")
            .Select(c => c.GetProperty("case").GetString() + ": " + string.Join("; ", c.GetProperty("details").EnumerateArray().Select(d => d.GetString())))
            .ToList();
        Assert.Empty(failed);
        Assert.Equal(
            ConformanceCases.Names.Count(n => n.StartsWith("02-file-structure/", StringComparison.Ordinal)),
            report.RootElement.GetProperty("summary").GetProperty("pass").GetInt32());
    }

    [Fact]
    public async Task Wrong_positions_values_and_output_are_reported_as_such()
    {
        var outputs = Directory.CreateTempSubdirectory("skillrt-conformance-wrong-").FullName;
        try
        {
            // The right answers, from skillrt, then one thing wrong in each.
            var position = await AnswerAsync("04-fields/name-uppercase");
            position["diagnostics"]![0]!["column"] = 1;
            await WriteAsync(outputs, "04-fields/name-uppercase", position.ToJsonString());

            var manifest = await AnswerAsync("04-fields/runtime-process-command-list");
            manifest["manifest"]!["runtime"]!["command"] = new JsonArray("python3", "scripts/my", "script.py");
            await WriteAsync(outputs, "04-fields/runtime-process-command-list", manifest.ToJsonString());

            var order = await AnswerAsync("03-yaml/key-order-preserved");
            var frontmatter = order["frontmatter"]!.AsObject();
            var reordered = new JsonObject(frontmatter.Reverse().Select(p => KeyValuePair(p.Key, p.Value?.DeepClone())));
            order["frontmatter"] = reordered;
            await WriteAsync(outputs, "03-yaml/key-order-preserved", order.ToJsonString());

            var partial = await AnswerAsync("02-file-structure/prose-plain");
            partial.Remove("body");
            await WriteAsync(outputs, "02-file-structure/prose-plain", partial.ToJsonString());

            await WriteAsync(outputs, "02-file-structure/prose-empty-file", "Unhandled exception. System.NullReferenceException");

            using var report = await SuiteRunner.RunAsync(
                ["--actual", outputs, "--filter", "name-uppercase", "--filter", "runtime-process-command-list", "--filter", "key-order-preserved",
                 "--filter", "prose-plain", "--filter", "prose-empty-file"], Ct);
            var cases = report.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("case").GetString()!);
            Assert.Equal(5, cases.Count);

            AssertResult(cases["04-fields/name-uppercase"], "fail", "missing SKILL0102@2,7(error)", "unexpected SKILL0102@2,1(error)");
            Assert.True(cases["04-fields/name-uppercase"].GetProperty("ids_agree").GetBoolean());
            AssertResult(cases["04-fields/runtime-process-command-list"], "fail", "manifest.runtime.command: 3 items, expected 2");
            AssertResult(cases["03-yaml/key-order-preserved"], "fail", "frontmatter: keys in order");
            AssertResult(cases["02-file-structure/prose-plain"], "incomplete");
            Assert.Equal("unsupported", cases["02-file-structure/prose-plain"].GetProperty("parts").GetProperty("body").GetString());
            AssertResult(cases["02-file-structure/prose-empty-file"], "error", "no JSON object on stdout");
            Assert.Equal(0, report.RootElement.GetProperty("summary").GetProperty("pass").GetInt32());
        }
        finally
        {
            Directory.Delete(outputs, recursive: true);
        }
    }

    [Fact]
    public async Task Every_catalogue_diagnostic_and_spec_section_has_a_case_or_a_reason()
    {
        // coverage.py --check: a single-file diagnostic of spec/diagnostics.md, or a section of SKILL-SPEC.md, with no
        // case and no reason in conformance/scope.json fails here, and so does a stale COVERAGE.md.
        var (exitCode, output) = await SuiteRunner.RunScriptAsync("coverage.py", ["--check"], Ct);
        Assert.True(exitCode == 0, output);
    }

    private static System.Collections.Generic.KeyValuePair<string, JsonNode?> KeyValuePair(string key, JsonNode? value) => new(key, value);

    private static void AssertResult(JsonElement result, string status, params string[] details)
    {
        var all = string.Join("\n", result.GetProperty("details").EnumerateArray().Select(d => d.GetString()));
        Assert.True(result.GetProperty("status").GetString() == status, $"expected {status}, got {result.GetProperty("status").GetString()}:\n{all}");
        foreach (var detail in details)
        {
            Assert.Contains(detail, all, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonObject> AnswerAsync(string name)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Cli.SkillCommandLine.InvokeAsync(["validate", "--format", "conformance", ConformanceCases.SkillFile(name)], output, error, Ct);
        Assert.True(exitCode == 0, error.ToString());
        return JsonNode.Parse(output.ToString())!.AsObject();
    }

    private static Task WriteAsync(string folder, string name, string json)
    {
        var path = Path.Combine(folder, name.Replace('/', Path.DirectorySeparatorChar) + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return File.WriteAllTextAsync(path, json, Ct);
    }

    // The CLI's own build output (same configuration and framework as this test), run by the dotnet this test runs on.
    private static string SkillrtCommand()
    {
        var binFolder = new DirectoryInfo(AppContext.BaseDirectory);
        var cli = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillRt.Cli", "bin", binFolder.Parent!.Name, binFolder.Name, "skillrt.dll");
        var dotnet = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
        Assert.True(File.Exists(cli), $"The skillrt build is missing at {cli}");
        return $"{Quote(dotnet)} {Quote(cli)} validate --format conformance";
    }

    // POSIX shell quoting, which run.py's shlex.split reads back.
    private static string Quote(string value) => "'" + value.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
}
