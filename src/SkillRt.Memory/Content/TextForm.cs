using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SkillRt.Memory;

/// <summary>The text form of a memory (what full text and similarity read) and its normalisation.</summary>
internal static class TextForm
{
    /// <summary>A string value is its own text; otherwise its strings in document order, one a line; a value without strings is its canonical JSON.</summary>
    public static string Derive(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        var strings = new List<string>();
        Collect(value, strings);
        return strings.Count == 0 ? CanonicalJson.Write(value) : string.Join('\n', strings);
    }

    private static void Collect(JsonElement value, List<string> strings)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(value.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Collect(property.Value, strings);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Collect(item, strings);
                }

                break;
        }
    }

    /// <summary>NFC, lower case, runs of white space as one space, trimmed: "The  Cat\n" and "the cat" compare equal.</summary>
    public static string Normalise(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(normalised.Length);
        var pendingSpace = false;
        foreach (var c in normalised)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
