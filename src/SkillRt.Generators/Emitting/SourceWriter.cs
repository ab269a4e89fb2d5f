using System;
using System.Text;

namespace SkillRt.Generators;

/// <summary>Writes C# with indentation, so emitters read like the code they produce.</summary>
internal sealed class SourceWriter
{
    private const string Indentation = "    ";
    private readonly StringBuilder _builder = new();
    private int _depth;

    public void WriteLine(string line)
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < _depth; i++)
            {
                _builder.Append(Indentation);
            }
        }

        _builder.Append(line).Append('\n');
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes a preprocessor line, which is never indented.</summary>
    public void WriteDirective(string line) => _builder.Append(line).Append('\n');

    /// <summary>Writes <paramref name="header"/> (if any) and an opening brace, and indents until the returned scope is disposed.</summary>
    public Block OpenBlock(string? header = null, string closing = "}")
    {
        if (header is not null)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _depth++;
        return new Block(this, closing);
    }

    /// <summary>Writes an XML doc comment; each line of <paramref name="text"/> becomes one comment line.</summary>
    public void WriteDocumentation(string tag, string text, string? attributes = null)
    {
        // C# also ends a line at NEL, U+2028 and U+2029; text after one would fall out of the comment.
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\u0085', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n').Split('\n');
        var open = "<" + tag + (attributes is null ? string.Empty : " " + attributes) + ">";
        if (lines.Length == 1)
        {
            WriteLine("/// " + open + lines[0] + "</" + tag + ">");
            return;
        }

        WriteLine("/// " + open);
        foreach (var line in lines)
        {
            WriteLine(line.Length == 0 ? "///" : "/// " + line);
        }

        WriteLine("/// </" + tag + ">");
    }

    public override string ToString() => _builder.ToString();

    internal readonly struct Block : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _closing;

        public Block(SourceWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.WriteLine(_closing);
        }
    }
}
