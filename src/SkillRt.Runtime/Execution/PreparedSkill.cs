using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SkillRt.Templates;

namespace SkillRt.Execution;

/// <summary>
/// What every run of a skill shares, worked out once per descriptor: the parsed template, the input
/// names, the output contract for the prompt and the structured-output request.
/// </summary>
internal sealed class PreparedSkill
{
    private static readonly ConditionalWeakTable<SkillDescriptor, PreparedSkill> Cache = new();

    // Rendered instructions by input JSON. Rendering is a pure function of the input, so a repeated
    // input (a retried call, a batch that repeats work, an agent asking again) skips the template.
    // Bounded: cleared when full, so memory stays at a few dozen prompts per skill.
    private const int RenderCacheSize = 32;

    private readonly Lazy<InstructionTemplate>? _template;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>? _rendered;

    private PreparedSkill(SkillDescriptor descriptor)
    {
        Descriptor = descriptor;
        InputNames = ReadInputNames(descriptor.InputSchema);
        if (descriptor.IsTemplate)
        {
            // A template that does not parse fails every run with the same located error.
            _template = new Lazy<InstructionTemplate>(() => InstructionTemplate.Parse(descriptor, InputNames));

            // A template that reads the clock depends on more than the input.
            if (!ReadsTheClock(descriptor.Instructions))
            {
                _rendered = new(StringComparer.Ordinal);
            }
        }

        if (descriptor.OutputType == SkillOutputType.Json && descriptor.OutputSchema is { } schemaText)
        {
            using var schema = JsonDocument.Parse(schemaText);
            var root = schema.RootElement.Clone();
            // Structured output needs an object at the root (OpenAI and others reject anything else);
            // other schemas are still in the prompt and still checked.
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("object"))
            {
                ResponseFormat = ChatResponseFormat.ForJsonSchema(root, SchemaName(descriptor.Name), descriptor.Description);
            }
        }

        OutputContract = ModelPrompts.OutputContract(descriptor);
    }

    public SkillDescriptor Descriptor { get; }

    /// <summary>The declared inputs, in order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The structured-output request for JSON outputs with an object schema.</summary>
    public ChatResponseFormat? ResponseFormat { get; }

    /// <summary>The part of the system message that states the output contract; empty for text outputs.</summary>
    public string OutputContract { get; }

    /// <summary>The instructions for an input: the template rendered with it, or the body as it is.</summary>
    public async System.Threading.Tasks.ValueTask<string> RenderAsync(JsonElement input, string inputJson, Fluid.TemplateOptions options)
    {
        if (_template is null)
        {
            return Descriptor.Instructions;
        }

        if (_rendered is not null && _rendered.TryGetValue(inputJson, out var cached))
        {
            return cached;
        }

        var rendered = await _template.Value.RenderAsync(input, options).ConfigureAwait(false);
        if (_rendered is not null)
        {
            if (_rendered.Count >= RenderCacheSize)
            {
                _rendered.Clear();
            }

            _rendered[inputJson] = rendered;
        }

        return rendered;
    }

    public static PreparedSkill For(SkillDescriptor descriptor) => Cache.GetValue(descriptor, static d => new PreparedSkill(d));

    // Liquid reads the clock only through the literals 'now' and 'today' (as in {{ 'now' | date: '%Y' }}).
    private static bool ReadsTheClock(string template) =>
        template.Contains("'now'", StringComparison.Ordinal) || template.Contains("\"now\"", StringComparison.Ordinal)
        || template.Contains("'today'", StringComparison.Ordinal) || template.Contains("\"today\"", StringComparison.Ordinal);

    private static string[] ReadInputNames(string inputSchema)
    {
        using var schema = JsonDocument.Parse(inputSchema);
        if (!schema.RootElement.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var property in properties.EnumerateObject())
        {
            names.Add(property.Name);
        }

        return [.. names];
    }

    // Providers accept schema names of letters, digits, '_' and '-' up to 64 characters; skill names already are.
    private static string SchemaName(string skillName)
    {
        var chars = skillName.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '_' or '-'))
            {
                chars[i] = '_';
            }
        }

        var name = new string(chars);
        return name.Length is 0 ? "output" : name.Length > 64 ? name[..64] : name;
    }
}
