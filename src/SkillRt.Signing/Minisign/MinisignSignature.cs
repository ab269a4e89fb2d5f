using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SkillRt.Signing.Minisign;

/// <summary>
/// A minisign signature file (<c>.minisig</c>): an untrusted comment, the Ed25519 signature of the file
/// with the signer's key id, a trusted comment, and the global signature over the signature and the
/// trusted comment together (so the trusted comment cannot be edited without the key).
/// </summary>
public sealed class MinisignSignature
{
    private const int EncodedLength = 2 + 8 + 64;
    private const int SignatureLength = 64;
    private readonly byte[] signatureBytes;
    private readonly byte[] globalSignatureBytes;

    internal MinisignSignature(
        MinisignSignatureAlgorithm algorithm,
        MinisignKeyId keyId,
        byte[] signatureBytes,
        string untrustedComment,
        string trustedComment,
        byte[] globalSignatureBytes)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        this.signatureBytes = signatureBytes;
        UntrustedComment = untrustedComment;
        TrustedComment = trustedComment;
        this.globalSignatureBytes = globalSignatureBytes;
    }

    /// <summary>Whether the file was hashed (<c>ED</c>) or signed whole (legacy <c>Ed</c>).</summary>
    public MinisignSignatureAlgorithm Algorithm { get; }

    /// <summary>The id of the key that made the signature.</summary>
    public MinisignKeyId KeyId { get; }

    /// <summary>The first line's text after "untrusted comment: "; anyone can change it.</summary>
    public string UntrustedComment { get; }

    /// <summary>
    /// The third line's text after "trusted comment: ", exactly as signed (tabs and trailing spaces kept).
    /// Trust it only after the signature verified.
    /// </summary>
    public string TrustedComment { get; }

    /// <summary>The 64-byte Ed25519 signature of the file (or of its BLAKE2b-512 hash).</summary>
    public ReadOnlySpan<byte> SignatureBytes => signatureBytes;

    /// <summary>The 64-byte Ed25519 signature of the signature followed by the trusted comment.</summary>
    public ReadOnlySpan<byte> GlobalSignatureBytes => globalSignatureBytes;

    /// <summary>What the global signature signs: the 64 signature bytes, then the trusted comment's UTF-8 bytes.</summary>
    internal byte[] GlobalSignedBytes() => GlobalSignedBytes(signatureBytes, TrustedComment);

    internal static byte[] GlobalSignedBytes(ReadOnlySpan<byte> signature, string trustedComment)
    {
        var comment = Encoding.UTF8.GetBytes(trustedComment);
        var bytes = new byte[signature.Length + comment.Length];
        signature.CopyTo(bytes);
        comment.CopyTo(bytes.AsSpan(signature.Length));
        return bytes;
    }

    /// <summary>
    /// Reads a signature file. Never throws on bad input: <paramref name="error"/> says which line is wrong
    /// and how.
    /// </summary>
    /// <param name="text">The <c>.minisig</c> file's text.</param>
    /// <param name="source">Where the text came from (a path, "the request's signature part"…), for the error.</param>
    /// <param name="signature">The signature when the text is a minisign signature file.</param>
    /// <param name="error">What is wrong when it is not.</param>
    /// <returns>True when the text is a well-formed minisign signature file.</returns>
    public static bool TryParse(
        string? text,
        string source,
        [NotNullWhen(true)] out MinisignSignature? signature,
        [NotNullWhen(false)] out MinisignFormatError? error)
    {
        signature = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = new MinisignFormatError(source, 0, "is empty; expected a minisign signature (.minisig) file.");
            return false;
        }
        if (text.Length > MinisignText.MaxFileChars)
        {
            error = new MinisignFormatError(source, 0, $"is too long to be a minisign signature file (over {MinisignText.MaxFileChars} characters).");
            return false;
        }
        var lines = MinisignText.SplitLines(text.Trim('\uFEFF'));
        if (lines.Count < 4)
        {
            error = new MinisignFormatError(source, lines.Count + 1, "is missing: a minisign signature file has four lines (untrusted comment, signature, trusted comment, global signature).");
            return false;
        }
        for (var i = 4; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                error = new MinisignFormatError(source, i + 1, "is unexpected: a minisign signature file has four lines.");
                return false;
            }
        }
        if (!lines[0].StartsWith(MinisignText.UntrustedCommentPrefix, StringComparison.Ordinal))
        {
            error = new MinisignFormatError(source, 1, $"should start with \"{MinisignText.UntrustedCommentPrefix}\"; this is not a minisign signature file.");
            return false;
        }
        if (!MinisignText.FitsLineBuffer(lines[0], MinisignText.UntrustedCommentLineMaxBytes))
        {
            error = new MinisignFormatError(source, 1, $"is too long: minisign reads an untrusted comment line of at most {MinisignText.UntrustedCommentLineMaxBytes - 2} bytes.");
            return false;
        }
        var encoded = MinisignText.DecodeBase64(lines[1].Trim(), EncodedLength);
        if (encoded is null)
        {
            error = new MinisignFormatError(source, 2, $"is not a minisign signature: expected base64 of {EncodedLength} bytes.");
            return false;
        }
        MinisignSignatureAlgorithm algorithm;
        if (encoded[0] == (byte)'E' && encoded[1] == (byte)'D')
        {
            algorithm = MinisignSignatureAlgorithm.Hashed;
        }
        else if (encoded[0] == (byte)'E' && encoded[1] == (byte)'d')
        {
            algorithm = MinisignSignatureAlgorithm.Legacy;
        }
        else
        {
            error = new MinisignFormatError(source, 2, "names an unknown signature algorithm; minisign knows \"ED\" (hashed) and \"Ed\" (legacy).");
            return false;
        }
        if (!lines[2].StartsWith(MinisignText.TrustedCommentPrefix, StringComparison.Ordinal))
        {
            error = new MinisignFormatError(source, 3, $"should start with \"{MinisignText.TrustedCommentPrefix}\".");
            return false;
        }
        if (!MinisignText.FitsLineBuffer(lines[2], MinisignText.TrustedCommentLineMaxBytes))
        {
            error = new MinisignFormatError(source, 3, $"is too long: minisign reads a trusted comment line of at most {MinisignText.TrustedCommentLineMaxBytes - 2} bytes.");
            return false;
        }
        var global = MinisignText.DecodeBase64(lines[3].Trim(), SignatureLength);
        if (global is null)
        {
            error = new MinisignFormatError(source, 4, $"is not a global signature: expected base64 of {SignatureLength} bytes.");
            return false;
        }
        signature = new MinisignSignature(
            algorithm,
            MinisignKeyId.FromBytes(encoded.AsSpan(2, 8)),
            encoded.AsSpan(10, SignatureLength).ToArray(),
            lines[0][MinisignText.UntrustedCommentPrefix.Length..],
            lines[2][MinisignText.TrustedCommentPrefix.Length..],
            global);
        error = null;
        return true;
    }

    /// <summary>The four-line file minisign writes and reads, LF line endings.</summary>
    public string ToFileText()
    {
        Span<byte> encoded = stackalloc byte[EncodedLength];
        encoded[0] = (byte)'E';
        encoded[1] = Algorithm == MinisignSignatureAlgorithm.Hashed ? (byte)'D' : (byte)'d';
        KeyId.WriteTo(encoded.Slice(2, 8));
        signatureBytes.CopyTo(encoded[10..]);
        return new StringBuilder()
            .Append(MinisignText.UntrustedCommentPrefix).Append(UntrustedComment).Append('\n')
            .Append(Convert.ToBase64String(encoded)).Append('\n')
            .Append(MinisignText.TrustedCommentPrefix).Append(TrustedComment).Append('\n')
            .Append(Convert.ToBase64String(globalSignatureBytes)).Append('\n')
            .ToString();
    }
}
