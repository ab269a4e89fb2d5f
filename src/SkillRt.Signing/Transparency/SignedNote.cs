using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// The C2SP signed-note format: a text that ends in a newline, a blank line, then one line per
/// signature, <c>— &lt;key name&gt; base64(key ID ‖ signature)</c>, each signing the text's UTF-8 bytes.
/// A verifier ignores signatures by keys it does not know, so more witnesses can sign the same note.
/// </summary>
public static class SignedNote
{
    /// <summary>The longest note accepted; a checkpoint is a few hundred bytes.</summary>
    public const int MaxLength = 64 * 1024;

    private const string SignaturePrefix = "\u2014 ";

    /// <summary>Signs <paramref name="text"/> (which must end in a newline) with <paramref name="signer"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a valid note text.</exception>
    public static string Sign(string text, NoteSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (TextProblem(text) is { } problem)
        {
            throw new ArgumentException(problem, nameof(text));
        }

        var signature = signer.Sign(Encoding.UTF8.GetBytes(text));
        var blob = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, signer.KeyId);
        signature.CopyTo(blob, 4);
        return text + "\n" + SignaturePrefix + signer.Name + " " + Convert.ToBase64String(blob) + "\n";
    }

    /// <summary>
    /// Checks that <paramref name="note"/> carries a valid signature by <paramref name="verifier"/>, and
    /// gives its text. Never throws on malformed input.
    /// </summary>
    public static ProofCheck Open(string? note, NoteVerifier verifier, out string? text)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        text = null;
        if (string.IsNullOrEmpty(note))
        {
            return ProofCheck.Invalid("the signed note is empty.");
        }

        if (note.Length > MaxLength)
        {
            return ProofCheck.Invalid($"the signed note is over {MaxLength} characters long.");
        }

        if (!note.EndsWith('\n'))
        {
            return ProofCheck.Invalid("the signed note does not end with a newline.");
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return ProofCheck.Invalid("the signed note has no blank line before its signatures.");
        }

        var body = note[..(split + 1)];
        if (TextProblem(body) is { } problem)
        {
            return ProofCheck.Invalid(problem);
        }

        var signatures = note[(split + 2)..];
        if (signatures.Length == 0)
        {
            return ProofCheck.Invalid("the signed note has no signature lines.");
        }

        var message = Encoding.UTF8.GetBytes(body);
        var lines = signatures[..^1].Split('\n');
        var ours = 0;
        foreach (var line in lines)
        {
            if (!TryReadSignature(line, out var name, out var keyId, out var signature))
            {
                return ProofCheck.Invalid($"the signed note's line '{Shorten(line)}' is not a signature line ('— <key name> <base64>').");
            }

            if (name != verifier.Name || keyId != verifier.KeyId)
            {
                continue;
            }

            ours++;
            if (!verifier.Verify(message, signature))
            {
                return ProofCheck.Invalid($"the signature by '{verifier.Name}' (key {verifier.KeyId:x8}) does not match the note: the note or its signature was changed.");
            }
        }

        if (ours == 0)
        {
            return ProofCheck.Invalid($"the note carries no signature by the key '{verifier.Name}' (key {verifier.KeyId:x8}); it was signed by another key.");
        }

        text = body;
        return ProofCheck.Valid;
    }

    /// <summary>Why <paramref name="text"/> cannot be a note's text, or null.</summary>
    internal static string? TextProblem(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.EndsWith('\n'))
        {
            return "a note's text must be non-empty and end with a newline.";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c != '\n')
            {
                return "a note's text holds a control character other than newline.";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "a note's text is not valid UTF-16 (a lone surrogate).";
            }
        }

        return null;
    }

    private static bool TryReadSignature(string line, out string name, out uint keyId, out byte[] signature)
    {
        name = "";
        keyId = 0;
        signature = [];
        if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = line[SignaturePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || NoteKeys.NameProblem(rest[..space]) is not null)
        {
            return false;
        }

        var blob = new byte[rest.Length];
        if (!Convert.TryFromBase64String(rest[(space + 1)..], blob, out var length) || length < 5)
        {
            return false;
        }

        name = rest[..space];
        keyId = BinaryPrimitives.ReadUInt32BigEndian(blob);
        signature = blob.AsSpan(4, length - 4).ToArray();
        return true;
    }

    private static string Shorten(string line) => line.Length > 80 ? line[..80] + "…" : line;

    /// <summary>The lines of a note's text, without the final newline's empty remainder.</summary>
    internal static IReadOnlyList<string> Lines(string text) => text[..^1].Split('\n');
}
