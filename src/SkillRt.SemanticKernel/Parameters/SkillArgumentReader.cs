using System;
using System.Text.Json;

namespace SkillRt.SemanticKernel.Parameters;

/// <summary>
/// Reads back an argument Semantic Kernel passed as text. A value that does not read as its declared
/// kind is left as the text it is, so the skill's input check reports it to the model with its pointer
/// (<c>/count: expected an integer</c>) instead of this adapter guessing.
/// </summary>
internal static class SkillArgumentReader
{
    /// <summary>The argument as the skill should see it.</summary>
    public static object? Read(object? value, SkillParameterKind kind)
    {
        if (value is not string text)
        {
            // Typed already: RetainArgumentTypes kept the model's JSON, or code called the function directly.
            return value;
        }

        switch (kind)
        {
            case SkillParameterKind.Number:
                return TryParse(text, out var number) && number.ValueKind == JsonValueKind.Number ? number : text;
            case SkillParameterKind.Boolean:
                return bool.TryParse(text.Trim(), out var flag) ? flag : text;
            case SkillParameterKind.Json:
                return TryParse(text, out var json) ? json : text;
            default:
                return text;
        }
    }

    private static bool TryParse(string text, out JsonElement value)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            value = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
    }
}
