using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NSec.Cryptography;

namespace SkillRt.Signing.Minisign;

/// <summary>
/// A minisign public key: an Ed25519 public key and its key id. Read from the two-line file minisign
/// writes (<c>untrusted comment: minisign public key …</c> then base64) or from the bare base64 line
/// (what <c>minisign -P</c> takes), and written back in the same form.
/// </summary>
public sealed class MinisignPublicKey
{
    private const int EncodedLength = 2 + 8 + 32;
    private readonly byte[] keyBytes;
    private readonly PublicKey key;

    private MinisignPublicKey(MinisignKeyId keyId, byte[] keyBytes, PublicKey key)
    {
        KeyId = keyId;
        this.keyBytes = keyBytes;
        this.key = key;
    }

    /// <summary>The key id signatures made with the matching secret key carry.</summary>
    public MinisignKeyId KeyId { get; }

    /// <summary>The 32-byte Ed25519 public key.</summary>
    public ReadOnlySpan<byte> KeyBytes => keyBytes;

    /// <summary>Creates a public key from its key id and 32-byte Ed25519 key.</summary>
    internal static MinisignPublicKey Create(MinisignKeyId keyId, ReadOnlySpan<byte> ed25519PublicKey)
    {
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, ed25519PublicKey, KeyBlobFormat.RawPublicKey);
        return new MinisignPublicKey(keyId, ed25519PublicKey.ToArray(), key);
    }

    /// <summary>
    /// Reads a public key from minisign's file text or from its base64 line alone. Never throws on bad
    /// input: <paramref name="error"/> says which line is wrong and how.
    /// </summary>
    /// <param name="text">The file's text, or the base64 line.</param>
    /// <param name="source">Where the text came from (a path, "the request body"…), for the error.</param>
    /// <param name="publicKey">The key when the text is a minisign public key.</param>
    /// <param name="error">What is wrong when it is not.</param>
    /// <returns>True when the text is a minisign Ed25519 public key.</returns>
    public static bool TryParse(
        string? text,
        string source,
        [NotNullWhen(true)] out MinisignPublicKey? publicKey,
        [NotNullWhen(false)] out MinisignFormatError? error)
    {
        publicKey = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = new MinisignFormatError(source, 0, "is empty; expected a minisign public key (the .pub file minisign -G or skillrt key new wrote, or its base64 line).");
            return false;
        }
        if (text.Length > MinisignText.MaxFileChars)
        {
            error = new MinisignFormatError(source, 0, "is too long to be a minisign public key.");
            return false;
        }
        var lines = MinisignText.SplitLines(text.Trim('\uFEFF'));
        int keyLineIndex;
        if (lines[0].StartsWith(MinisignText.UntrustedCommentPrefix, StringComparison.Ordinal))
        {
            if (lines.Count < 2)
            {
                error = new MinisignFormatError(source, 2, "is missing: a minisign public key file has the key's base64 on its second line.");
                return false;
            }
            keyLineIndex = 1;
        }
        else if (lines.Count == 1)
        {
            keyLineIndex = 0;
        }
        else
        {
            error = new MinisignFormatError(source, 1, $"should start with \"{MinisignText.UntrustedCommentPrefix}\"; this is not a minisign public key file.");
            return false;
        }
        for (var i = keyLineIndex + 1; i < lines.Count; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                error = new MinisignFormatError(source, i + 1, "is unexpected: a minisign public key file has two lines.");
                return false;
            }
        }
        var line = lines[keyLineIndex].Trim();
        var bytes = MinisignText.DecodeBase64(line, EncodedLength);
        if (bytes is null)
        {
            error = new MinisignFormatError(source, keyLineIndex + 1, $"is not a minisign public key: expected base64 of {EncodedLength} bytes (it starts with \"RW\").");
            return false;
        }
        if (bytes[0] != (byte)'E' || bytes[1] != (byte)'d')
        {
            error = new MinisignFormatError(source, keyLineIndex + 1, "names a signature algorithm other than Ed25519 (\"Ed\"); minisign has no other.");
            return false;
        }
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, bytes.AsSpan(10, 32), KeyBlobFormat.RawPublicKey, out var key))
        {
            error = new MinisignFormatError(source, keyLineIndex + 1, "holds bytes that are not an Ed25519 public key.");
            return false;
        }
        publicKey = new MinisignPublicKey(MinisignKeyId.FromBytes(bytes.AsSpan(2, 8)), bytes.AsSpan(10, 32).ToArray(), key!);
        error = null;
        return true;
    }

    /// <summary>The base64 line (what <c>minisign -P</c> takes), starting with "RW".</summary>
    public string ToBase64()
    {
        Span<byte> bytes = stackalloc byte[EncodedLength];
        bytes[0] = (byte)'E';
        bytes[1] = (byte)'d';
        KeyId.WriteTo(bytes.Slice(2, 8));
        keyBytes.CopyTo(bytes[10..]);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The file minisign writes: the untrusted comment naming the key id, then the base64 line.</summary>
    // minisign prints the id with "%" PRIX64, without leading zeros (BF4D43F8E9BDE74 for 0BF4D43F8E9BDE74), so the
    // file is byte for byte what minisign -G writes; everywhere else the id keeps its 16 digits.
    public string ToFileText() => $"{MinisignText.UntrustedCommentPrefix}minisign public key {KeyId.Value.ToString("X", System.Globalization.CultureInfo.InvariantCulture)}\n{ToBase64()}\n";

    /// <summary>
    /// Checks a signature of <paramref name="content"/>: the key ids match, the signature is over these
    /// bytes (BLAKE2b-512 of them for <c>ED</c>, the bytes themselves for legacy <c>Ed</c>), and the
    /// global signature covers the trusted comment.
    /// </summary>
    /// <param name="signature">The signature file.</param>
    /// <param name="content">The signed file's bytes, read from its current position to the end.</param>
    /// <param name="cancellationToken">Stops reading the content.</param>
    /// <returns>Whether it verifies, and if not, why.</returns>
    public async Task<MinisignVerificationResult> VerifyAsync(
        MinisignSignature signature, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(content);
        if (signature.KeyId != KeyId)
        {
            return MinisignVerificationResult.Failed(
                MinisignVerificationFailure.KeyIdMismatch,
                $"The signature was made with key {signature.KeyId}, not with this public key ({KeyId}).");
        }
        var message = signature.Algorithm == MinisignSignatureAlgorithm.Hashed
            ? await MinisignHashing.Blake2b512Async(content, cancellationToken).ConfigureAwait(false)
            : await MinisignHashing.ReadAllAsync(content, cancellationToken).ConfigureAwait(false);
        return VerifyMessage(signature, message);
    }

    /// <summary>
    /// Checks a signature of <paramref name="content"/> held in memory; see
    /// <see cref="VerifyAsync(MinisignSignature, Stream, CancellationToken)"/>.
    /// </summary>
    /// <param name="signature">The signature file.</param>
    /// <param name="content">The signed file's bytes.</param>
    /// <returns>Whether it verifies, and if not, why.</returns>
    public MinisignVerificationResult Verify(MinisignSignature signature, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.KeyId != KeyId)
        {
            return MinisignVerificationResult.Failed(
                MinisignVerificationFailure.KeyIdMismatch,
                $"The signature was made with key {signature.KeyId}, not with this public key ({KeyId}).");
        }
        ReadOnlySpan<byte> message = signature.Algorithm == MinisignSignatureAlgorithm.Hashed
            ? MinisignHashing.Blake2b512(content)
            : content;
        return VerifyMessage(signature, message);
    }

    private MinisignVerificationResult VerifyMessage(MinisignSignature signature, ReadOnlySpan<byte> message)
    {
        if (!SignatureAlgorithm.Ed25519.Verify(key, message, signature.SignatureBytes))
        {
            return MinisignVerificationResult.Failed(
                MinisignVerificationFailure.ContentMismatch,
                $"The signature by key {KeyId} does not match the file's bytes: the file was changed after it was signed, or the signature belongs to another file.");
        }
        if (!SignatureAlgorithm.Ed25519.Verify(key, signature.GlobalSignedBytes(), signature.GlobalSignatureBytes))
        {
            return MinisignVerificationResult.Failed(
                MinisignVerificationFailure.TrustedCommentMismatch,
                $"The trusted comment of the signature by key {KeyId} was changed after signing.");
        }
        return MinisignVerificationResult.Verified(KeyId, signature.TrustedComment);
    }
}
