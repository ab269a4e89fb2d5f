using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SkillRt.Providers;

/// <summary>
/// Reads models.yaml with the skills' YAML parser, checking every key and collecting every problem
/// with its line and column; nothing stops at the first one.
/// </summary>
internal sealed class ModelCatalogReader
{
    private const int MaxIdLength = 64;
    private static readonly string[] RootKeys = ["default", "models"];
    private static readonly string[] EntryKeys = ["provider", "model", "endpoint", "api-key-variable", "structured-output", "max-output-tokens", "price"];
    private static readonly string[] PriceKeys = ["input", "output"];

    private readonly string? _path;
    private readonly List<ModelCatalogProblem> _problems = [];

    private ModelCatalogReader(string? path) => _path = path;

    public static (IReadOnlyList<ModelEntry> Entries, string? DefaultId, IReadOnlyList<ModelCatalogProblem> Problems) Read(string text, string? path)
    {
        var reader = new ModelCatalogReader(path);
        var (entries, defaultId) = reader.ReadText(text);
        return (entries, defaultId, reader._problems);
    }

    private (List<ModelEntry>, string?) ReadText(string text)
    {
        var entries = new List<ModelEntry>();
        var diagnostics = new List<SkillDiagnostic>();
        if (SkillParser.CheckNul(text, 0) is { } nul)
        {
            Add(nul.Span, nul.Message);
            return (entries, null);
        }

        var root = YamlParser.Read(text, 0, text.Length, firstLine: 1, diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic.Span, diagnostic.Message);
        }

        if (root is null)
        {
            if (diagnostics.Count == 0)
            {
                Add(SourceSpan.At(1, 1), "the file is empty or not a mapping; it needs a 'models' mapping of model ids, such as 'models: { cheap: { provider: ollama, model: llama3.2 } }'");
            }

            return (entries, null);
        }

        CheckKeys(root, RootKeys, "the file");
        if (root.Find("models") is not { } models || models.Value is not FrontmatterMapping modelMap)
        {
            Add(root.Find("models")?.Value.Span ?? SourceSpan.At(1, 1), "'models' must be a mapping of model ids to their settings, such as 'cheap: { provider: ollama, model: llama3.2 }'");
            return (entries, null);
        }

        foreach (var model in modelMap.Entries)
        {
            if (ReadEntry(model) is { } entry)
            {
                entries.Add(entry);
            }
        }

        string? defaultId = null;
        if (root.Find("default") is { } defaultEntry)
        {
            defaultId = Text(defaultEntry.Value, "default");
            if (defaultId is not null && !entries.Exists(e => e.Id == defaultId) && !modelMap.Entries.Any(e => e.Name == defaultId))
            {
                Add(defaultEntry.Value.Span, $"'default' names '{defaultId}', which is not a model in this file; name one of: {string.Join(", ", modelMap.Entries.Select(e => e.Name))}");
            }
        }

        return (entries, defaultId);
    }

    private ModelEntry? ReadEntry(FrontmatterEntry model)
    {
        var id = model.Name;
        var valid = true;
        if (!IsValidId(id))
        {
            Add(model.Key.Span, $"'{id}' is not a model id: use 1-{MaxIdLength} of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
            valid = false;
        }

        if (model.Value is not FrontmatterMapping settings)
        {
            Add(model.Value.Span, $"model '{id}' must be a mapping with at least 'provider' and 'model'");
            return null;
        }

        if (settings.Find("api-key") is { } key)
        {
            // Caught before the unknown-key check, because this mistake deserves its own advice.
            Add(key.Key.Span, $"model '{id}': an API key is never written in models.yaml; put it in an environment variable and name the variable in 'api-key-variable'");
            valid = false;
        }

        CheckKeys(settings, EntryKeys, $"model '{id}'", ignore: "api-key");
        var provider = ReadProvider(settings, id);
        var name = settings.Find("model") is { } modelName ? Text(modelName.Value, $"model '{id}': 'model'") : null;
        if (settings.Find("model") is null)
        {
            Add(model.Key.Span, $"model '{id}' has no 'model': give the provider's name for it, such as 'gpt-4.1-mini', 'claude-sonnet-4-5' or 'llama3.2'");
        }

        var endpoint = ReadEndpoint(settings, id, provider);
        var keyVariable = ReadKeyVariable(settings, id, provider, out var keyValid);
        var structured = ReadStructuredOutput(settings, id, provider);
        var maxTokens = ReadMaxOutputTokens(settings, id, out var tokensValid);
        var price = ReadPrice(settings, id, out var priceValid);
        if (!valid || provider is null || name is null || endpoint is null || !keyValid || structured is null || !tokensValid || !priceValid)
        {
            return null;
        }

        return new ModelEntry
        {
            Id = id,
            Provider = provider.Value,
            Model = name,
            Endpoint = endpoint,
            ApiKeyVariable = keyVariable,
            StructuredOutput = structured.Value,
            MaxOutputTokens = maxTokens,
            Price = price,
            Line = model.Key.Span.StartLine,
        };
    }

    private ModelProvider? ReadProvider(FrontmatterMapping settings, string id)
    {
        if (settings.Find("provider") is not { } entry)
        {
            Add(settings.Span, $"model '{id}' has no 'provider': use openai, openai-compatible, anthropic, gemini or ollama");
            return null;
        }

        var text = Text(entry.Value, $"model '{id}': 'provider'");
        ModelProvider? provider = text switch
        {
            "openai" => ModelProvider.OpenAI,
            "openai-compatible" => ModelProvider.OpenAICompatible,
            "anthropic" => ModelProvider.Anthropic,
            "gemini" => ModelProvider.Gemini,
            "ollama" => ModelProvider.Ollama,
            _ => null,
        };
        if (text is not null && provider is null)
        {
            Add(entry.Value.Span, $"model '{id}': '{text}' is not a provider; use openai, openai-compatible (llama.cpp, vLLM and other servers with OpenAI's protocol), anthropic, gemini or ollama");
        }

        return provider;
    }

    private Uri? ReadEndpoint(FrontmatterMapping settings, string id, ModelProvider? provider)
    {
        if (settings.Find("endpoint") is not { } entry)
        {
            if (provider == ModelProvider.OpenAICompatible)
            {
                Add(settings.Span, $"model '{id}' is openai-compatible and has no 'endpoint': give the server's API base, such as http://127.0.0.1:8080/v1");
                return null;
            }

            return provider is { } known ? ModelProviderDefaults.Endpoint(known) : null;
        }

        var text = Text(entry.Value, $"model '{id}': 'endpoint'");
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Add(entry.Value.Span, $"model '{id}': 'endpoint' is '{text}', which is not an http or https URL; give the API base, such as https://api.openai.com/v1");
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            Add(entry.Value.Span, $"model '{id}': 'endpoint' holds a user name or password; put credentials in the environment variable named by 'api-key-variable'");
            return null;
        }

        return uri;
    }

    private string? ReadKeyVariable(FrontmatterMapping settings, string id, ModelProvider? provider, out bool valid)
    {
        valid = true;
        if (settings.Find("api-key-variable") is not { } entry)
        {
            return provider is { } known ? ModelProviderDefaults.ApiKeyVariable(known) : null;
        }

        // 'api-key-variable: null' says the server needs no key.
        if (entry.Value is FrontmatterScalar { IsNull: true })
        {
            return null;
        }

        var text = Text(entry.Value, $"model '{id}': 'api-key-variable'");
        if (text is null || !IsVariableName(text))
        {
            Add(entry.Value.Span, $"model '{id}': 'api-key-variable' must name an environment variable (letters, digits and '_', not starting with a digit), such as ANTHROPIC_API_KEY, or be null for a server that needs no key");
            valid = false;
            return null;
        }

        return text;
    }

    private StructuredOutputMode? ReadStructuredOutput(FrontmatterMapping settings, string id, ModelProvider? provider)
    {
        if (settings.Find("structured-output") is not { } entry)
        {
            return provider is { } known ? ModelProviderDefaults.StructuredOutput(known) : StructuredOutputMode.Native;
        }

        var text = Text(entry.Value, $"model '{id}': 'structured-output'");
        StructuredOutputMode? mode = text switch
        {
            "native" => StructuredOutputMode.Native,
            "prompt" => StructuredOutputMode.Prompt,
            _ => null,
        };
        if (text is not null && mode is null)
        {
            Add(entry.Value.Span, $"model '{id}': 'structured-output' is '{text}'; use native (the provider's JSON-schema mode) or prompt (for servers without one)");
        }
        else if (mode == StructuredOutputMode.Native && provider == ModelProvider.Anthropic)
        {
            // Native would drop the schema without a word (ModelProviderDefaults says why).
            Add(entry.Value.Span, $"model '{id}': Anthropic's client has no JSON-schema mode SkillRt can use; leave 'structured-output' out, or write prompt");
            return null;
        }

        return mode;
    }

    private int? ReadMaxOutputTokens(FrontmatterMapping settings, string id, out bool valid)
    {
        valid = true;
        if (settings.Find("max-output-tokens") is not { } entry)
        {
            return null;
        }

        if (entry.Value is FrontmatterScalar scalar && int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens) && tokens > 0)
        {
            return tokens;
        }

        Add(entry.Value.Span, $"model '{id}': 'max-output-tokens' must be a whole number above 0, such as 4096");
        valid = false;
        return null;
    }

    private ModelPrice? ReadPrice(FrontmatterMapping settings, string id, out bool valid)
    {
        valid = true;
        if (settings.Find("price") is not { } entry)
        {
            return null;
        }

        if (entry.Value is not FrontmatterMapping price)
        {
            Add(entry.Value.Span, $"model '{id}': 'price' must be a mapping of dollars per million tokens, such as '{{ input: 3.00, output: 15.00 }}'");
            valid = false;
            return null;
        }

        CheckKeys(price, PriceKeys, $"model '{id}': 'price'");
        var input = ReadDollars(price, "input", id, ref valid);
        var output = ReadDollars(price, "output", id, ref valid);
        return valid ? new ModelPrice(input, output) : null;
    }

    private decimal ReadDollars(FrontmatterMapping price, string key, string id, ref bool valid)
    {
        if (price.Find(key) is not { } entry)
        {
            Add(price.Span, $"model '{id}': 'price' has no '{key}' (dollars per million {key} tokens)");
            valid = false;
            return 0;
        }

        if (entry.Value is FrontmatterScalar scalar
                && decimal.TryParse(scalar.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dollars))
        {
            return dollars;
        }

        Add(entry.Value.Span, $"model '{id}': 'price.{key}' must be dollars per million tokens, a number of 0 or more such as 0.40");
        valid = false;
        return 0;
    }

    private string? Text(FrontmatterNode node, string what)
    {
        if (node is FrontmatterScalar { IsNull: false } scalar && scalar.Value.Length > 0)
        {
            return scalar.Value;
        }

        Add(node.Span, $"{what} must be a string");
        return null;
    }

    private void CheckKeys(FrontmatterMapping mapping, string[] known, string where, string? ignore = null)
    {
        foreach (var entry in mapping.Entries)
        {
            if (Array.IndexOf(known, entry.Name) < 0 && entry.Name != ignore)
            {
                Add(entry.Key.Span, $"{where}: '{entry.Name}' is not a known key; use one of: {string.Join(", ", known)}");
            }
        }
    }

    private void Add(SourceSpan span, string message) => _problems.Add(new ModelCatalogProblem(_path, span.StartLine, span.StartColumn, message));

    private static bool IsValidId(string id)
    {
        if (id.Length is 0 or > MaxIdLength || !IsLowerAlphanumeric(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsLowerAlphanumeric(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVariableName(string name)
    {
        if (name.Length == 0 || name[0] is >= '0' and <= '9')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
