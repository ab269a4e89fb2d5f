using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SkillRt.Tests;

/// <summary>Inputs built in code because they cannot live in a text fixture (binary, huge), each with the one diagnostic it must give.</summary>
public sealed record HostileInput(string Name, byte[] Bytes, string ExpectedId, SourceSpan ExpectedSpan)
{
    public override string ToString() => Name;
}

/// <summary>The catalogue of hostile inputs.</summary>
public static class HostileInputs
{
    public static IReadOnlyList<HostileInput> All { get; } =
    [
        new("over 1 MiB", Enumerable.Repeat((byte)'a', SkillParserLimits.MaxFileBytes + 1).ToArray(), "SKILL0004", SourceSpan.At(1, 1)),
        new("latin-1 byte", Concat("---\nname: caf", [0xE9], "\n---\n"), "SKILL0005", new SourceSpan(2, 10, 2, 11)),
        new("overlong encoding", Concat("# Title\n\nbody ", [0xC0, 0xAF], "\n"), "SKILL0005", new SourceSpan(3, 6, 3, 7)),
        new("encoded surrogate", Concat("---\n", [0xED, 0xA0, 0x80], "\n"), "SKILL0005", new SourceSpan(2, 1, 2, 2)),
        new("truncated sequence", Concat("prose ", [0xE2, 0x82]), "SKILL0005", new SourceSpan(1, 7, 1, 8)),
        new("UTF-16 file", [0xFF, 0xFE, (byte)'-', 0, (byte)'-', 0], "SKILL0005", new SourceSpan(1, 1, 1, 2)),
        new("NUL in frontmatter", Encoding.UTF8.GetBytes("---\nname: a\0b\n---\n"), "SKILL0006", new SourceSpan(2, 8, 2, 9)),
        new("NUL in body", Encoding.UTF8.GetBytes("\uFEFF---\r\nname: a\r\n---\r\nbody\r\n\0"), "SKILL0006", new SourceSpan(5, 1, 5, 2)),
        new("flow nesting bomb", Concat("---\nx: " + new string('[', 500_000), [], "\n---\n"), "SKILL0008", new SourceSpan(2, 67, 2, 67)),
        new("block nesting", Encoding.UTF8.GetBytes("---\n" + BlockNesting(70) + "---\n"), "SKILL0008", new SourceSpan(66, 129, 66, 129)),
        new("alias bomb", Encoding.UTF8.GetBytes(AliasBomb()), "SKILL0007", new SourceSpan(5, 29, 5, 31)),
    ];

    private static byte[] Concat(string before, byte[] middle, string after = "") =>
        [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];

    private static string BlockNesting(int depth)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            builder.Append(' ', i * 2).Append('k').Append(i).Append(":\n");
        }

        return builder.ToString();
    }

    // Each level multiplies the expansion by ten; the eighth alias on line 5 crosses 10,000 nodes.
    private static string AliasBomb() =>
        "---\n" +
        "a: &a [x,x,x,x,x,x,x,x,x,x]\n" +
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n" +
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n" +
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n" +
        "---\n";
}
