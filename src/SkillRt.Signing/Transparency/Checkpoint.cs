using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// A C2SP tlog-checkpoint: the log's origin, its size and its root hash, one per line, then any
/// extension lines. Signed as a note (<see cref="SignedNote"/>), it is the log's commitment to every
/// entry it holds at that size.
/// </summary>
/// <param name="Origin">The log's unique name (by convention, the signing key's name).</param>
/// <param name="Size">How many entries the tree holds.</param>
/// <param name="RootHash">The tree's 32-byte root hash.</param>
public sealed record Checkpoint(string Origin, long Size, ReadOnlyMemory<byte> RootHash)
{
    /// <summary>Extension lines after the root hash (none by default); each non-empty and without a newline.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>The checkpoint's note text, ending in a newline.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append(Origin).Append('\n');
        text.Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(Convert.ToBase64String(RootHash.Span)).Append('\n');
        foreach (var line in Extensions)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The checkpoint signed with <paramref name="signer"/>: the note a log serves.</summary>
    public string Sign(NoteSigner signer) => SignedNote.Sign(Format(), signer);

    /// <summary>Reads a checkpoint's text (the note's text, without signatures). Never throws on malformed input.</summary>
    /// <returns>The checkpoint, or null with <paramref name="problem"/> saying what is wrong.</returns>
    public static Checkpoint? Parse(string? text, out string? problem)
    {
        if (SignedNote.TextProblem(text) is { } textProblem)
        {
            problem = "the checkpoint is not a note text: " + textProblem;
            return null;
        }

        var lines = SignedNote.Lines(text!);
        if (lines.Count < 3)
        {
            problem = "a checkpoint has at least three lines: origin, tree size and root hash.";
            return null;
        }

        if (lines[0].Length == 0)
        {
            problem = "the checkpoint's origin (line 1) is empty.";
            return null;
        }

        var sizeText = lines[1];
        if (sizeText.Length == 0 || sizeText.Length > 19 || !sizeText.All(char.IsAsciiDigit) || (sizeText.Length > 1 && sizeText[0] == '0')
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            problem = $"the checkpoint's tree size (line 2) '{Shorten(sizeText)}' is not a decimal number without leading zeros.";
            return null;
        }

        var root = new byte[MerkleHash.Size + 3];
        if (!Convert.TryFromBase64String(lines[2], root, out var length) || length != MerkleHash.Size)
        {
            problem = $"the checkpoint's root hash (line 3) is not base64 of {MerkleHash.Size} bytes.";
            return null;
        }

        var extensions = lines.Skip(3).ToList();
        if (extensions.Any(line => line.Length == 0))
        {
            problem = "the checkpoint has an empty extension line.";
            return null;
        }

        problem = null;
        return new Checkpoint(lines[0], size, root.AsMemory(0, MerkleHash.Size).ToArray()) { Extensions = extensions };
    }

    /// <summary>
    /// Opens a signed checkpoint: the signature by <paramref name="verifier"/> must be valid and the
    /// origin must be <paramref name="expectedOrigin"/> (when given). Never throws on malformed input.
    /// </summary>
    /// <returns>The checkpoint, or null with <paramref name="check"/> saying what is wrong.</returns>
    public static Checkpoint? Open(string? signedNote, NoteVerifier verifier, string? expectedOrigin, out ProofCheck check)
    {
        check = SignedNote.Open(signedNote, verifier, out var text);
        if (!check.IsValid)
        {
            return null;
        }

        var checkpoint = Parse(text, out var problem);
        if (checkpoint is null)
        {
            check = ProofCheck.Invalid(problem!);
            return null;
        }

        if (expectedOrigin is not null && checkpoint.Origin != expectedOrigin)
        {
            check = ProofCheck.Invalid($"the checkpoint is for the log '{Shorten(checkpoint.Origin)}', not '{expectedOrigin}'.");
            return null;
        }

        return checkpoint;
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
