using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace SkillRt.Mcp;

/// <summary>
/// Where each value of a JSON text starts, by JSON Pointer, so a shape error found on a
/// <see cref="JsonDocument"/> (which keeps no positions) can name its line and column.
/// </summary>
internal sealed class McpJsonPositions
{
    private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal);
    private readonly byte[] _utf8;

    private McpJsonPositions(byte[] utf8) => _utf8 = utf8;

    /// <summary>Reads the positions of every value; the text must already have parsed with the same options.</summary>
    public static McpJsonPositions Read(byte[] utf8, JsonReaderOptions options)
    {
        var positions = new McpJsonPositions(utf8);
        var reader = new Utf8JsonReader(utf8, options);
        var pointers = new Stack<string>();
        var arrayIndexes = new Stack<int>();
        string? propertyName = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    propertyName = reader.GetString();
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    pointers.Push(positions.Record(pointers, arrayIndexes, propertyName, (int)reader.TokenStartIndex));
                    arrayIndexes.Push(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    pointers.Pop();
                    arrayIndexes.Pop();
                    break;
                default:
                    positions.Record(pointers, arrayIndexes, propertyName, (int)reader.TokenStartIndex);
                    break;
            }
        }

        return positions;
    }

    /// <summary>The one-based line and column of the value at <paramref name="pointer"/>, or of the nearest value that holds it.</summary>
    public (int Line, int Column) Find(string pointer)
    {
        while (!_offsets.ContainsKey(pointer) && pointer.Length > 0)
        {
            pointer = pointer[..pointer.LastIndexOf('/')];
        }

        if (!_offsets.TryGetValue(pointer, out var offset))
        {
            return (1, 1);
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (_utf8[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        // Columns count characters, not bytes, so a name with accents before the value does not shift it.
        return (line, System.Text.Encoding.UTF8.GetCharCount(_utf8, lineStart, offset - lineStart) + 1);
    }

    /// <summary>Appends a property name or array index to a JSON Pointer, escaping as RFC 6901 says.</summary>
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private string Record(Stack<string> pointers, Stack<int> arrayIndexes, string? propertyName, int offset)
    {
        string pointer;
        if (pointers.Count == 0)
        {
            pointer = string.Empty;
        }
        else if (arrayIndexes.Peek() is var index and >= 0)
        {
            arrayIndexes.Pop();
            arrayIndexes.Push(index + 1);
            pointer = Append(pointers.Peek(), index.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            pointer = Append(pointers.Peek(), propertyName ?? string.Empty);
        }

        _offsets.TryAdd(pointer, offset);
        return pointer;
    }
}
