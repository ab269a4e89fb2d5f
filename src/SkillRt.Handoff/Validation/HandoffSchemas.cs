using System;
using System.IO;
using System.Text.Json;
using SkillRt.Schemas;

namespace SkillRt.Handoff;

/// <summary>The spec's schemas, embedded from spec/ at build time and compiled once.</summary>
internal static class HandoffSchemas
{
    private static readonly Lazy<JsonSchemaValidator> EnvelopeValidator = new(() => JsonSchemaValidator.Create(Load("handoff-envelope.schema.json")));
    private static readonly Lazy<JsonSchemaValidator> ResultValidator = new(() => JsonSchemaValidator.Create(Load("handoff-result.schema.json")));

    public static JsonSchemaValidator Envelope => EnvelopeValidator.Value;

    public static JsonSchemaValidator Result => ResultValidator.Value;

    /// <summary>The schema's text, as spec/ has it.</summary>
    /// <param name="name">The file name in spec/.</param>
    /// <returns>The JSON text.</returns>
    public static string Load(string name)
    {
        using var stream = typeof(HandoffSchemas).Assembly.GetManifestResourceStream("SkillRt.Handoff." + name)
            ?? throw new InvalidOperationException($"The resource SkillRt.Handoff.{name} is missing from SkillRt.Handoff; the project embeds spec/{name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
