using System;
using System.Buffers;
using System.Text.Json;

namespace SkillRt;

/// <summary>Small JSON utilities shared by contracts, readers and the AI function adapter.</summary>
internal static class SkillJson
{
    /// <summary>How deeply nested a value may be, in every direction SkillRt reads or writes JSON.</summary>
    public const int MaxDepth = 256;

    /// <summary>Writes with <paramref name="write"/> into a pooled buffer and returns the result as a standalone element.</summary>
    public static JsonElement ToElement<TState, TValue>(TState state, TValue value, Action<TState, Utf8JsonWriter, TValue> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(state, writer, value);
        }

        // The same depth the readers accept, so whatever was read can be written back.
        var reader = new Utf8JsonReader(buffer.WrittenSpan, new JsonReaderOptions { MaxDepth = MaxDepth });
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>JSON equality as JSON Schema defines it: numbers by value, objects regardless of property order.</summary>
    public static bool DeepEquals(JsonElement left, JsonElement right)
    {
        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        switch (left.ValueKind)
        {
            case JsonValueKind.String:
                return left.ValueEquals(right.GetString());
            case JsonValueKind.Number:
                // Doubles first: decimal rounds below 1e-28, so 1e-29 and 2e-29 would look equal. Decimals
                // then tell apart large integers that share a double.
                return left.GetDouble() == right.GetDouble() &&
                    (!left.TryGetDecimal(out var l) || !right.TryGetDecimal(out var r) || l == r);
            case JsonValueKind.Array:
                if (left.GetArrayLength() != right.GetArrayLength())
                {
                    return false;
                }

                using (var rightItems = right.EnumerateArray())
                {
                    foreach (var item in left.EnumerateArray())
                    {
                        rightItems.MoveNext();
                        if (!DeepEquals(item, rightItems.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;
            case JsonValueKind.Object:
                var count = 0;
                foreach (var property in left.EnumerateObject())
                {
                    count++;
                    if (!right.TryGetProperty(property.Name, out var other) || !DeepEquals(property.Value, other))
                    {
                        return false;
                    }
                }

                foreach (var unused in right.EnumerateObject())
                {
                    count--;
                }

                return count == 0;
            default:
                return true;
        }
    }
}
