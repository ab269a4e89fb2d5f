using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Providers.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt run --model &lt;id&gt;</c> with a models file: the id picks the provider, the provider's real client
/// talks its own protocol to a loopback server, and a broken file or a refused call says what to fix.
/// </summary>
public sealed class RunModelsFileTests : IAsyncLifetime
{
    private const string Skill = """
        ---
        name: capital
        version: 1.0.0
        description: Names a country's capital.
        inputs:
          - name: country
            required: true
        outputs:
          schema:
            type: object
            properties:
              capital: { type: string }
            required: [capital]
        ---
        What is the capital of {{ country }}?
        """;

    private readonly SkillCli _cli = new();
    private ProviderWireServer _server = null!;
    private string _skill = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await ProviderWireServer.StartAsync(Ct);
        _skill = _cli.WriteFile("capital/SKILL.md", Skill);
        _cli.Environment["ANTHROPIC_API_KEY"] = "k-anthropic";
        _cli.Environment["OPENAI_API_KEY"] = null;
        _cli.Environment["SKILLRT_MODEL"] = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task An_id_from_the_stores_models_file_runs_on_its_provider_with_the_schema_in_the_instructions()
    {
        WriteModels(Path.Combine(_cli.Home, "models.yaml"), $"default: cheap\nmodels:\n  claude: {{ provider: anthropic, model: claude-test, endpoint: \"{_server.Address}\", price: {{ input: 3, output: 15 }} }}\n  cheap: {{ provider: ollama, model: llama-test, endpoint: \"{_server.Address}\" }}\n");
        _server.Enqueue(new WireReply.Text("""{"capital":"Paris"}"""));

        var result = await _cli.RunAsync("run", _skill, "--model", "claude", "--input", "country=France");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var output = JsonDocument.Parse(result.Output);
        Assert.Equal("Paris", output.RootElement.GetProperty("capital").GetString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal("claude-test", request.Body?["model"]?.GetValue<string>());
        Assert.Equal("k-anthropic", request.Headers["x-api-key"]);
        Assert.Contains("France", request.Body?["messages"]?.ToJsonString(), StringComparison.Ordinal);

        // 11 input tokens at $3 and 7 output tokens at $15 a million: $0.000138.
        Assert.Contains("tokens 11 in / 7 out, about $0.0001, model claude-test", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_id_the_files_default_runs_and_SKILLRT_MODELS_names_another_file()
    {
        var path = Path.Combine(_cli.WorkingDirectory, "team-models.yaml");
        WriteModels(path, $"default: cheap\nmodels:\n  cheap: {{ provider: ollama, model: llama-test, endpoint: \"{_server.Address}\" }}\n");
        _cli.Environment["SKILLRT_MODELS"] = path;
        _server.Enqueue(new WireReply.Text("""{"capital":"Rome"}"""));

        var result = await _cli.RunAsync("run", _skill, "--input", "country=Italy");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Rome", result.Output, StringComparison.Ordinal);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/api/chat", request.Path);
        Assert.Equal("object", request.Body?["format"]?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_broken_models_file_is_refused_with_each_problem_at_its_line()
    {
        var path = Path.Combine(_cli.Home, "models.yaml");
        WriteModels(path, "models:\n  claude: { provider: antropic, model: claude-test }\n  gpt: { provider: openai, model: gpt-4.1, api-key: sk-secret }\n");

        var result = await _cli.RunAsync("run", _skill, "--model", "claude", "--input", "country=France");

        Assert.Equal(5, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{path}(2,23): error: model 'claude': 'antropic' is not a provider", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}(3,44): error: model 'gpt': an API key is never written in models.yaml", lines[1], StringComparison.Ordinal);
        Assert.Equal($"skillrt: the models file {path} has 2 problems; fix them at the lines above (docs/providers.md).", lines[2]);
        Assert.DoesNotContain("sk-secret", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_provider_that_refuses_the_key_fails_the_run_naming_the_model_and_the_variable()
    {
        WriteModels(Path.Combine(_cli.Home, "models.yaml"), $"models:\n  claude: {{ provider: anthropic, model: claude-test, endpoint: \"{_server.Address}\" }}\n");
        _server.Enqueue(new WireReply.Error(401, "invalid x-api-key"));

        var result = await _cli.RunAsync("run", _skill, "--model", "claude", "--input", "country=France");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("model 'claude' (anthropic 'claude-test'", result.Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", result.Error, StringComparison.Ordinal);
        Assert.Contains("check the key in ANTHROPIC_API_KEY", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_the_file_does_not_list_still_runs_on_the_environments_openai_compatible_server()
    {
        WriteModels(Path.Combine(_cli.Home, "models.yaml"), $"models:\n  claude: {{ provider: anthropic, model: claude-test, endpoint: \"{_server.Address}\" }}\n");
        _cli.Environment["OPENAI_BASE_URL"] = _server.Address + "v1";
        _server.Enqueue(new WireReply.Text("""{"capital":"Madrid"}"""));

        var result = await _cli.RunAsync("run", _skill, "--model", "gpt-test", "--input", "country=Spain");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("/v1/chat/completions", Assert.Single(_server.Requests).Path);
    }

    private static void WriteModels(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
