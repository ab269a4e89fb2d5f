using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace SkillRt.Providers.Tests;

/// <summary>models.yaml: what each key means, the defaults by provider, and every mistake reported at its line.</summary>
public sealed class ModelCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("skillrt-models-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Each_provider_gets_its_endpoint_key_variable_and_output_mode_unless_the_file_says_otherwise()
    {
        var catalog = ModelCatalog.Parse("""
            default: cheap
            models:
              gpt: { provider: openai, model: gpt-4.1-mini, price: { input: 0.40, output: 1.60 } }
              claude: { provider: anthropic, model: claude-sonnet-4-5, max-output-tokens: 8000 }
              gemini: { provider: gemini, model: gemini-2.5-flash }
              cheap: { provider: ollama, model: llama3.2 }
              vllm: { provider: openai-compatible, model: qwen2.5, endpoint: "http://127.0.0.1:8000/v1", api-key-variable: VLLM_KEY, structured-output: prompt }
              open: { provider: openai, model: gpt-4.1, api-key-variable: null }
            """, "models.yaml");

        Assert.Equal("cheap", catalog.DefaultId);
        Assert.Equal(["gpt", "claude", "gemini", "cheap", "vllm", "open"], catalog.Models.Select(m => m.Id));
        var gpt = catalog.Find("gpt")!;
        Assert.Equal((ModelProvider.OpenAI, "https://api.openai.com/v1", "OPENAI_API_KEY", StructuredOutputMode.Native), (gpt.Provider, gpt.Endpoint.ToString(), gpt.ApiKeyVariable, gpt.StructuredOutput));
        Assert.Equal(new ModelPrice(0.40m, 1.60m), gpt.Price);
        Assert.Equal(0.0000056m, gpt.Price!.Value.CostOf(10, 1));
        var prices = catalog.CreatePriceTable();
        Assert.Equal(1, prices.Count);
        Assert.True(prices.TryGetPrice("gpt", out var listed) && listed == gpt.Price);
        var claude = catalog.Find("claude")!;
        Assert.Equal(("https://api.anthropic.com/", "ANTHROPIC_API_KEY", StructuredOutputMode.Prompt, 8000), (claude.Endpoint.ToString(), claude.ApiKeyVariable, claude.StructuredOutput, claude.MaxOutputTokens));
        var gemini = catalog.Find("gemini")!;
        Assert.Equal(("https://generativelanguage.googleapis.com/v1beta/openai/", "GEMINI_API_KEY"), (gemini.Endpoint.ToString(), gemini.ApiKeyVariable));
        var cheap = catalog.Find("cheap")!;
        Assert.Equal(("http://localhost:11434/", null), (cheap.Endpoint.ToString(), cheap.ApiKeyVariable));
        var vllm = catalog.Find("vllm")!;
        Assert.Equal(("VLLM_KEY", StructuredOutputMode.Prompt, 7), (vllm.ApiKeyVariable, vllm.StructuredOutput, vllm.Line));
        Assert.Null(catalog.Find("open")!.ApiKeyVariable);
        Assert.Null(catalog.Find("nope"));
    }

    [Theory]
    [InlineData("models:\n  a: { provider: mistral, model: m }\n", 2, 18, "'mistral' is not a provider; use openai, openai-compatible")]
    [InlineData("models:\n  a: { provider: openai, model: m, api-key: sk-123 }\n", 2, 36, "an API key is never written in models.yaml; put it in an environment variable")]
    [InlineData("models:\n  a: { provider: openai }\n", 2, 3, "model 'a' has no 'model'")]
    [InlineData("models:\n  a: { model: m }\n", 2, 6, "model 'a' has no 'provider'")]
    [InlineData("models:\n  a: { provider: openai-compatible, model: m }\n", 2, 6, "is openai-compatible and has no 'endpoint'")]
    [InlineData("models:\n  a: { provider: openai, model: m, endpoint: ftp://x }\n", 2, 46, "'endpoint' is 'ftp://x', which is not an http or https URL")]
    [InlineData("models:\n  a: { provider: openai, model: m, endpoint: \"https://u:p@x/v1\" }\n", 2, 46, "holds a user name or password")]
    [InlineData("models:\n  a: { provider: openai, model: m, api-key-variable: my-key }\n", 2, 54, "'api-key-variable' must name an environment variable")]
    [InlineData("models:\n  a: { provider: openai, model: m, max-output-tokens: -5 }\n", 2, 55, "'max-output-tokens' must be a whole number above 0")]
    [InlineData("models:\n  a: { provider: openai, model: m, price: { input: 1 } }\n", 2, 43, "'price' has no 'output'")]
    [InlineData("models:\n  a: { provider: openai, model: m, price: { input: cheap, output: 1 } }\n", 2, 52, "'price.input' must be dollars per million tokens")]
    [InlineData("models:\n  a: { provider: openai, model: m, structured-output: strict }\n", 2, 55, "use native (the provider's JSON-schema mode) or prompt")]
    [InlineData("models:\n  a: { provider: anthropic, model: m, structured-output: native }\n", 2, 58, "Anthropic's client has no JSON-schema mode SkillRt can use")]
    [InlineData("models:\n  a: { provider: openai, model: m, temprature: 0 }\n", 2, 36, "'temprature' is not a known key")]
    [InlineData("models:\n  Big_Model: { provider: openai, model: m }\n", 2, 3, "'Big_Model' is not a model id")]
    [InlineData("models:\n  a: openai\n", 2, 6, "model 'a' must be a mapping")]
    [InlineData("default: b\nmodels:\n  a: { provider: openai, model: m }\n", 1, 10, "'default' names 'b', which is not a model in this file; name one of: a")]
    [InlineData("modles:\n  a: { provider: openai, model: m }\n", 1, 1, "'modles' is not a known key")]
    [InlineData("models: [a, b]\n", 1, 9, "'models' must be a mapping of model ids")]
    [InlineData("", 1, 1, "'models' must be a mapping of model ids")]
    [InlineData("models:\n  a: { provider: openai, model: m\n", 2, 0, "")]
    public void A_mistake_is_reported_at_its_line_and_column_with_what_to_do(string text, int line, int column, string message)
    {
        var failure = Assert.Throws<ModelCatalogException>(() => ModelCatalog.Parse(text, "conf/models.yaml"));

        var problem = failure.Problems[0];
        Assert.Equal("conf/models.yaml", problem.Path);
        Assert.Equal(line, problem.Line);
        if (column > 0)
        {
            Assert.Equal(column, problem.Column);
        }

        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.StartsWith($"conf/models.yaml({problem.Line},{problem.Column}): error: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_file_order()
    {
        var failure = Assert.Throws<ModelCatalogException>(() => ModelCatalog.Parse("""
            models:
              a: { provider: nope, model: m }
              b: { provider: openai }
              c: { provider: openai, model: m }
            """));

        Assert.Equal([2, 3], failure.Problems.Select(p => p.Line));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_or_too_large_is_refused_with_what_to_do()
    {
        var latin1 = Path.Combine(_folder, "latin1.yaml");
        await File.WriteAllBytesAsync(latin1, [.. Encoding.ASCII.GetBytes("models: {} # caf"), 0xE9, (byte)'\n'], Ct);
        var huge = Path.Combine(_folder, "huge.yaml");
        await File.WriteAllTextAsync(huge, "models:\n" + new string('#', ModelCatalog.MaxFileBytes), Ct);

        var notUtf8 = await Assert.ThrowsAsync<ModelCatalogException>(() => ModelCatalog.LoadAsync(latin1, Ct));
        var tooLarge = await Assert.ThrowsAsync<ModelCatalogException>(() => ModelCatalog.LoadAsync(huge, Ct));

        Assert.Contains("not UTF-8 text", notUtf8.Message, StringComparison.Ordinal);
        Assert.Contains("a models file is at most 1,048,576", tooLarge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_with_a_bom_and_json_syntax_reads_like_yaml()
    {
        var path = Path.Combine(_folder, "models.yaml");
        await File.WriteAllTextAsync(path, "\uFEFF{\"models\": {\"cheap\": {\"provider\": \"ollama\", \"model\": \"llama3.2\"}}}", new UTF8Encoding(true), Ct);

        var catalog = await ModelCatalog.LoadAsync(path, Ct);

        Assert.Equal(path, catalog.Path);
        Assert.Equal("llama3.2", catalog.Find("cheap")!.Model);
    }

    [Fact]
    public void An_unknown_id_or_an_unset_key_variable_says_what_to_do()
    {
        var catalog = ModelCatalog.Parse("models:\n  gpt: { provider: openai, model: gpt-4.1 }\n  cheap: { provider: ollama, model: llama3.2 }\n", "models.yaml");

        var unknown = Assert.Throws<ModelCatalogException>(() => catalog.CreateChatClient("gtp"));
        var noKey = Assert.Throws<ModelCatalogException>(() => catalog.CreateChatClient("gpt", new ModelClientOptions { GetEnvironmentVariable = _ => null }));

        Assert.Equal("'gtp' is not a model in models.yaml; use one of: gpt, cheap, or add it under 'models:'", unknown.Message);
        Assert.Equal("model 'gpt' needs an API key in OPENAI_API_KEY, which is not set; set it, or set 'api-key-variable: null' in models.yaml for a server that needs none", noKey.Message);
        using var local = catalog.CreateChatClient("cheap", new ModelClientOptions { GetEnvironmentVariable = _ => null });
        Assert.NotNull(local.GetService<IChatClient>());
    }

    [Fact]
    public async Task Each_model_is_a_keyed_chat_client_and_the_default_is_the_unkeyed_one()
    {
        var catalog = ModelCatalog.Parse("default: cheap\nmodels:\n  cheap: { provider: ollama, model: llama3.2 }\n  local: { provider: openai-compatible, model: q, endpoint: \"http://127.0.0.1:9/v1\" }\n");
        var services = new ServiceCollection().AddModelCatalog(catalog);

        await using var provider = services.BuildServiceProvider();

        var cheap = provider.GetRequiredKeyedService<IChatClient>("cheap");
        Assert.Same(cheap, provider.GetRequiredService<IChatClient>());
        Assert.NotSame(cheap, provider.GetRequiredKeyedService<IChatClient>("local"));
        Assert.Same(catalog, provider.GetRequiredService<ModelCatalog>());
    }
}
