using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>
/// The README's main job: the QuickStart sample, built with its SkillFile items, lists its skills and
/// runs pr-review through SkillRunner, on the replay file it ships or on an OpenAI-compatible endpoint.
/// </summary>
public sealed class QuickStartTests
{
    // The sample is built beside this test project (bin/<configuration>/net10.0), in the same configuration.
    private static string SampleOutput { get; } = Path.Combine(
        TestPaths.RepositoryRoot, "samples", "QuickStart", "bin",
        Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!),
        "net10.0");

    [Fact]
    public async Task QuickStart_replays_pr_review_with_a_repair_when_no_model_is_configured()
    {
        var (exitCode, output, error) = await RunSampleAsync(new Dictionary<string, string>());

        Assert.True(exitCode == 0, error);
        Assert.Equal(string.Empty, error);
        Assert.StartsWith("SkillRt QuickStart: 3 skills, validated and compiled at build time", output, StringComparison.Ordinal);
        Assert.Contains("  pr-review 1.2.0 (markdown-skill, output json)\n    Reviews a GitHub pull request for correctness, security and style", output, StringComparison.Ordinal);
        Assert.Contains("  summarize 0.3.0 (markdown-skill, output text)\n    Summarizes a text", output, StringComparison.Ordinal);
        Assert.Contains("  triage-issue 1.0.0 (markdown-skill, output json)\n    Triages a new GitHub issue", output, StringComparison.Ordinal);
        Assert.Contains(
            "No OPENAI_BASE_URL set: replaying the scripted answers in replays/pr-review.json (set OPENAI_BASE_URL, OPENAI_API_KEY and SKILLRT_MODEL to use a real model)",
            output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Using the model at", output, StringComparison.Ordinal);
        Assert.Contains("Running pr-review on https://github.com/dotnet/runtime/pull/1 (focus: Correctness)", output, StringComparison.Ordinal);

        // The typed output of the second, valid answer.
        Assert.Contains("Verdict: RequestChanges", output, StringComparison.Ordinal);
        Assert.Contains("Summary: Retries a request in SocketsHttpHandler", output, StringComparison.Ordinal);
        Assert.Contains(
            "  Major    src/libraries/System.Net.Http/src/System/Net/Http/SocketsHttpHandler/HttpConnectionPool.cs:412: The retry loop has no upper bound",
            output,
            StringComparison.Ordinal);
        Assert.Contains(
            "  Minor    src/libraries/System.Net.Http/tests/FunctionalTests/SocketsHttpHandlerTest.cs:1187: The new test never cancels its token",
            output,
            StringComparison.Ordinal);

        // The report adds up both replayed exchanges: (1496 × 0.40 + 427 × 1.60) / 1,000,000 = 0.0012816 USD.
        Assert.Matches(
            @"Report: attempts 2, repairs 1, model gpt-4\.1-mini-2025-04-14, tokens 1496 in \+ 427 out, \d+[.,]\d\d s, estimated cost 0[.,]0013 USD",
            output);
        Assert.Contains(
            "  attempt 1 was sent back: /findings/0/severity: The string \"blocker\" is not allowed; use one of \"info\", \"minor\", \"major\", \"critical\".",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickStart_runs_pr_review_on_the_OpenAI_compatible_endpoint_in_OPENAI_BASE_URL()
    {
        const string Answer = """{"summary":"Fixes an off-by-one in the parser.","verdict":"comment","findings":[{"file":"src/Parser.cs","line":7,"severity":"minor","message":"The new branch has no test."}]}""";
        using var server = new HttpListener();
        var prefix = LoopbackPorts.StartHttpListener(server);
        var served = ServeOneChatCompletionAsync(server, Answer);

        var (exitCode, output, error) = await RunSampleAsync(new Dictionary<string, string>
        {
            ["OPENAI_BASE_URL"] = prefix + "v1",
            ["OPENAI_API_KEY"] = "sk-quickstart-test",
        });

        Assert.True(exitCode == 0, error);
        Assert.Contains($"Using the model at {prefix}v1 (gpt-4.1-mini)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("replaying", output, StringComparison.Ordinal);
        Assert.Contains("Verdict: Comment", output, StringComparison.Ordinal);
        Assert.Contains("  Minor    src/Parser.cs:7: The new branch has no test.", output, StringComparison.Ordinal);
        Assert.Matches(@"Report: attempts 1, repairs 0, model gpt-4\.1-mini-2025-04-14, tokens 700 in \+ 150 out, \d+[.,]\d\d s, estimated cost 0[.,]0005 USD", output);

        // What the endpoint received: the configured model and key, the rendered skill and its output schema.
        var (path, authorization, body) = await served;
        Assert.Equal("/v1/chat/completions", path);
        Assert.Equal("Bearer sk-quickstart-test", authorization);
        using var request = JsonDocument.Parse(body);
        Assert.Equal("gpt-4.1-mini", request.RootElement.GetProperty("model").GetString());
        Assert.Equal("json_schema", request.RootElement.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Contains(
            "You are reviewing https://github.com/dotnet/runtime/pull/1.",
            request.RootElement.GetProperty("messages")[0].GetProperty("content").GetString(),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:1234", "OPENAI_BASE_URL is 'localhost:1234', which is not an http or https URL such as https://api.openai.com/v1.")]
    [InlineData("http://127.0.0.1:{closed}/v1", "The model failed: ")]
    public async Task QuickStart_fails_with_one_line_on_stderr_when_the_endpoint_is_wrong(string baseUrl, string expected)
    {
        using var closed = LoopbackPorts.ReserveClosed(out var closedPort);
        var (exitCode, output, error) = await RunSampleAsync(new Dictionary<string, string>
        {
            ["OPENAI_BASE_URL"] = baseUrl.Replace("{closed}", closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
        });

        Assert.Equal(1, exitCode);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().ReplaceLineEndings("\n").Split('\n'));
        Assert.DoesNotContain("Verdict:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void QuickStart_pr_review_skill_is_the_example_one()
    {
        // The sample keeps its own copy so that it is self-contained; it must not drift from the example.
        Assert.Equal(
            File.ReadAllText(Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md")).ReplaceLineEndings(),
            File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "QuickStart", "skills", "pr-review", "SKILL.md")).ReplaceLineEndings());
    }

    /// <summary>Runs the built sample with only the given model settings: none of the test process's own.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunSampleAsync(Dictionary<string, string> environment)
    {
        var sample = Path.Combine(SampleOutput, "QuickStart.dll");
        Assert.True(File.Exists(sample), "QuickStart was not built at " + sample);

        var start = new ProcessStartInfo("dotnet", [sample]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in (string[])["OPENAI_BASE_URL", "OPENAI_API_KEY", "SKILLRT_MODEL", "SKILLRT_RECORD"])
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, (await output).ReplaceLineEndings("\n"), await error);
    }

    /// <summary>Answers one chat completion the way the OpenAI API does and returns what was asked.</summary>
    private static async Task<(string Path, string? Authorization, string Body)> ServeOneChatCompletionAsync(HttpListener server, string answer)
    {
        var context = await server.GetContextAsync();
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        }

        var completion = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["id"] = "chatcmpl-quickstart",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = "gpt-4.1-mini-2025-04-14",
            ["choices"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["index"] = 0,
                    ["message"] = new Dictionary<string, object> { ["role"] = "assistant", ["content"] = answer },
                    ["finish_reason"] = "stop",
                },
            },
            ["usage"] = new Dictionary<string, object> { ["prompt_tokens"] = 700, ["completion_tokens"] = 150, ["total_tokens"] = 850 },
        });
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = completion.Length;
        await context.Response.OutputStream.WriteAsync(completion, TestContext.Current.CancellationToken);
        context.Response.Close();
        return (context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body);
    }
}
