using System;
using System.Buffers;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace SkillRt.Memory;

/// <summary>
/// One spelling per JSON value, so equal content hashes equally: object members sorted by name
/// (ordinal), no insignificant whitespace, numbers without exponent or trailing zeros where a
/// decimal can hold them, strings escaped the same way every time.
/// </summary>
internal static class CanonicalJson
{
    public static string Write(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteElement(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteElement(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteElement(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(NormaliseNumber(value.GetRawText()), skipInputValidation: true);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static string NormaliseNumber(string raw)
    {
        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // Dividing by 1.000… drops the trailing zeros a decimal keeps (1.50 → 1.5, 1E2 → 100).
            return (number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        }

        return raw;
    }
}
