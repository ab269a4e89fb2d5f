using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// One record of the registry's transparency log: a package version the registry accepted. Its leaf
/// data is <see cref="Format"/>'s UTF-8 text, one field per line, so anyone can recompute the leaf hash
/// from what the log serves and read the fields back from the very bytes that were hashed:
/// <code>
/// skillrt-log-entry/v1
/// id Contoso.PrReview
/// version 1.2.0
/// sha512 &lt;base64 of the package's SHA-512&gt;
/// author-key &lt;author key ID, or -&gt;
/// published 2026-12-07T10:15:00Z
/// </code>
/// </summary>
/// <param name="PackageId">The package ID as published.</param>
/// <param name="Version">The normalized version.</param>
/// <param name="PackageSha512">The SHA-512 of the package file's bytes (64 bytes).</param>
/// <param name="AuthorKeyId">The ID of the author key whose signature the registry verified, or null for an unsigned package.</param>
/// <param name="PublishedAt">When the registry accepted the version, to the second (UTC).</param>
public sealed record LogEntry(string PackageId, string Version, ReadOnlyMemory<byte> PackageSha512, string? AuthorKeyId, DateTimeOffset PublishedAt)
{
    /// <summary>The first line of every entry: the format and its version.</summary>
    public const string Header = "skillrt-log-entry/v1";

    /// <summary>The longest entry text accepted.</summary>
    public const int MaxLength = 4096;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The entry's text: the leaf data.</summary>
    /// <exception cref="ArgumentException">A field cannot be written (white space in the ID, a hash of the wrong length…).</exception>
    public string Format()
    {
        var problem = FieldProblem(PackageId, "id") ?? FieldProblem(Version, "version") ?? (AuthorKeyId is null ? null : FieldProblem(AuthorKeyId, "author-key"));
        if (problem is not null)
        {
            throw new ArgumentException(problem);
        }

        if (PackageSha512.Length != 64)
        {
            throw new ArgumentException($"A SHA-512 is 64 bytes, not {PackageSha512.Length}.");
        }

        return new StringBuilder()
            .Append(Header).Append('\n')
            .Append("id ").Append(PackageId).Append('\n')
            .Append("version ").Append(Version).Append('\n')
            .Append("sha512 ").Append(Convert.ToBase64String(PackageSha512.Span)).Append('\n')
            .Append("author-key ").Append(AuthorKeyId ?? "-").Append('\n')
            .Append("published ").Append(PublishedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)).Append('\n')
            .ToString();
    }

    /// <summary>The entry's leaf hash in the log (<see cref="MerkleHash.Leaf"/> of <see cref="Format"/>'s bytes).</summary>
    public byte[] LeafHash() => MerkleHash.Leaf(Encoding.UTF8.GetBytes(Format()));

    /// <summary>Reads an entry's text strictly (it must be exactly what <see cref="Format"/> writes). Never throws on malformed input.</summary>
    /// <returns>The entry, or null with <paramref name="problem"/> saying what is wrong.</returns>
    public static LogEntry? Parse(string? text, out string? problem)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !text.EndsWith('\n'))
        {
            problem = $"a log entry is non-empty text of at most {MaxLength} characters ending in a newline.";
            return null;
        }

        var lines = text[..^1].Split('\n');
        string[] keys = ["id", "version", "sha512", "author-key", "published"];
        if (lines.Length != keys.Length + 1 || lines[0] != Header)
        {
            problem = $"a log entry has the line '{Header}' and then {keys.Length} fields: {string.Join(", ", keys)}.";
            return null;
        }

        var values = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var line = lines[i + 1];
            if (!line.StartsWith(keys[i] + " ", StringComparison.Ordinal) || FieldProblem(line[(keys[i].Length + 1)..], keys[i]) is not null)
            {
                problem = $"line {i + 2} of the log entry is not '{keys[i]} <value>'.";
                return null;
            }

            values[i] = line[(keys[i].Length + 1)..];
        }

        var sha512 = new byte[66];
        if (!Convert.TryFromBase64String(values[2], sha512, out var length) || length != 64)
        {
            problem = "the log entry's sha512 is not base64 of 64 bytes.";
            return null;
        }

        if (!DateTimeOffset.TryParseExact(values[4], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var published))
        {
            problem = $"the log entry's published time is not {TimeFormat}.";
            return null;
        }

        var entry = new LogEntry(values[0], values[1], sha512.AsMemory(0, 64).ToArray(), values[3] == "-" ? null : values[3], published);
        if (entry.Format() != text)
        {
            // Only one text per entry: anything else (a base64 variant, another time zone) would give two leaf hashes for one record.
            problem = "the log entry is not in its canonical form.";
            return null;
        }

        problem = null;
        return entry;
    }

    private static string? FieldProblem(string value, string field) =>
        value.Length is 0 or > 512 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? $"the log entry's {field} must be 1–512 characters without white space."
            : null;
}
