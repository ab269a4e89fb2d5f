using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NSec.Cryptography;

namespace SkillRt.Signing.Minisign;

/// <summary>
/// A minisign secret key: an Ed25519 key pair with its key id, read from and written to the file minisign
/// uses (<c>minisign.key</c>), encrypted with a password (scrypt, minisign's <c>Sc</c>) or not
/// (<c>minisign -W</c>). Signs files the way <c>minisign -S</c> does.
/// </summary>
public sealed class MinisignSecretKey : IDisposable
{
    /// <summary>minisign's default untrusted comment for a secret key file, encrypted or not.</summary>
    public const string DefaultFileComment = "minisign encrypted secret key";

    /// <summary>minisign's default untrusted comment for a signature.</summary>
    public const string DefaultSignatureComment = "signature from minisign secret key";

    // sig_alg 2 | kdf_alg 2 | chk_alg 2 | salt 32 | opslimit 8 | memlimit 8 | key id 8 | secret key 64 | checksum 32
    private const int SaltOffset = 6;
    private const int SaltLength = 32;
    private const int OpsLimitOffset = 38;
    private const int MemLimitOffset = 46;
    private const int EncryptedOffset = 54;
    private const int EncryptedLength = 8 + 64 + 32;
    private const int EncodedLength = EncryptedOffset + EncryptedLength;

    private readonly Key key;

    private MinisignSecretKey(MinisignKeyId keyId, Key key)
    {
        KeyId = keyId;
        this.key = key;
        PublicKey = MinisignPublicKey.Create(keyId, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The key id every signature made with this key carries.</summary>
    public MinisignKeyId KeyId { get; }

    /// <summary>The matching public key.</summary>
    public MinisignPublicKey PublicKey { get; }

    /// <summary>Creates a new key pair with a random key id, as <c>minisign -G</c> does.</summary>
    public static MinisignSecretKey Generate()
    {
        Span<byte> keyId = stackalloc byte[8];
        RandomNumberGenerator.Fill(keyId);
        var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new MinisignSecretKey(MinisignKeyId.FromBytes(keyId), key);
    }

    /// <summary>
    /// True when the text is a secret key file encrypted with a password (so a caller knows to ask for
    /// one before <see cref="TryParse"/>). False for an unencrypted key and for text that is not a key
    /// (<see cref="TryParse"/> then says what is wrong).
    /// </summary>
    /// <param name="text">The secret key file's text.</param>
    public static bool IsEncrypted(string? text)
    {
        if (text is null || text.Length > MinisignText.MaxFileChars)
        {
            return false;
        }
        var lines = MinisignText.SplitLines(text);
        var bytes = lines.Count >= 2 ? MinisignText.DecodeBase64(lines[1].Trim(), EncodedLength) : null;
        return bytes is not null && bytes[2] == (byte)'S' && bytes[3] == (byte)'c';
    }

    /// <summary>
    /// Reads a secret key file, decrypting it with <paramref name="password"/> when it is encrypted. Never
    /// throws on bad input: <paramref name="error"/> says what is wrong (a wrong password included).
    /// </summary>
    /// <param name="text">The secret key file's text.</param>
    /// <param name="source">Where the text came from (its path), for the error.</param>
    /// <param name="password">The password for an encrypted key; ignored for an unencrypted one.</param>
    /// <param name="secretKey">The key when the text is a minisign secret key and the password opens it.</param>
    /// <param name="error">What is wrong when it is not.</param>
    /// <returns>True when the key was read.</returns>
    public static bool TryParse(
        string? text,
        string source,
        string? password,
        [NotNullWhen(true)] out MinisignSecretKey? secretKey,
        [NotNullWhen(false)] out MinisignFormatError? error)
    {
        secretKey = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = new MinisignFormatError(source, 0, "is empty; expected a minisign secret key file.");
            return false;
        }
        if (text.Length > MinisignText.MaxFileChars)
        {
            error = new MinisignFormatError(source, 0, "is too long to be a minisign secret key file.");
            return false;
        }
        var lines = MinisignText.SplitLines(text.Trim('\uFEFF'));
        if (!lines[0].StartsWith(MinisignText.UntrustedCommentPrefix, StringComparison.Ordinal))
        {
            error = new MinisignFormatError(source, 1, $"should start with \"{MinisignText.UntrustedCommentPrefix}\"; this is not a minisign secret key file.");
            return false;
        }
        if (lines.Count < 2)
        {
            error = new MinisignFormatError(source, 2, "is missing: a minisign secret key file has the key's base64 on its second line.");
            return false;
        }
        var bytes = MinisignText.DecodeBase64(lines[1].Trim(), EncodedLength);
        if (bytes is null)
        {
            error = new MinisignFormatError(source, 2, $"is not a minisign secret key: expected base64 of {EncodedLength} bytes.");
            return false;
        }
        try
        {
            return TryDecode(bytes, source, password, out secretKey, out error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static bool TryDecode(
        byte[] bytes,
        string source,
        string? password,
        [NotNullWhen(true)] out MinisignSecretKey? secretKey,
        [NotNullWhen(false)] out MinisignFormatError? error)
    {
        secretKey = null;
        if (bytes[0] != (byte)'E' || bytes[1] != (byte)'d')
        {
            error = new MinisignFormatError(source, 2, "names a signature algorithm other than Ed25519 (\"Ed\"); minisign has no other.");
            return false;
        }
        if (bytes[4] != (byte)'B' || bytes[5] != (byte)'2')
        {
            error = new MinisignFormatError(source, 2, "names a checksum other than BLAKE2b (\"B2\"); minisign has no other.");
            return false;
        }
        var encrypted = bytes[2] == (byte)'S' && bytes[3] == (byte)'c';
        if (!encrypted && (bytes[2] != 0 || bytes[3] != 0))
        {
            error = new MinisignFormatError(source, 2, "names a key derivation other than scrypt (\"Sc\") or none; minisign has no other.");
            return false;
        }
        var storedChecksum = bytes.AsSpan(EncryptedOffset + 8 + 64, 32);
        if (encrypted)
        {
            if (password is null)
            {
                error = new MinisignFormatError(source, 0, "is encrypted with a password; give the password to read it.");
                return false;
            }
            var limits = new MinisignKdfLimits(
                BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(OpsLimitOffset, 8)),
                BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(MemLimitOffset, 8)));
            if (limits.OpsLimit > MinisignKdfLimits.MaximumAccepted.OpsLimit || limits.MemLimit > MinisignKdfLimits.MaximumAccepted.MemLimit)
            {
                error = new MinisignFormatError(source, 2, $"asks for a password derivation costlier than twice minisign's own (opslimit {limits.OpsLimit}, memlimit {limits.MemLimit}); it was not written by minisign or SkillRt.");
                return false;
            }
            if (!TryXorWithPasswordStream(bytes.AsSpan(EncryptedOffset, EncryptedLength), password, bytes.AsSpan(SaltOffset, SaltLength), limits, out var kdfError))
            {
                error = new MinisignFormatError(source, 2, kdfError);
                return false;
            }
        }
        var checksum = Checksum(bytes.AsSpan(0, 2), bytes.AsSpan(EncryptedOffset, 8), bytes.AsSpan(EncryptedOffset + 8, 64));
        // minisign -G -W leaves an unencrypted key's checksum zero and never checks it; a key whose password
        // minisign -C removed keeps the real one. Either is a valid file.
        var checksumMatches = CryptographicOperations.FixedTimeEquals(checksum, storedChecksum);
        if (!checksumMatches && (encrypted || storedChecksum.IndexOfAnyExcept((byte)0) >= 0))
        {
            error = encrypted
                ? new MinisignFormatError(source, 0, "could not be decrypted: the password is wrong for this key.")
                : new MinisignFormatError(source, 2, "is damaged: its checksum does not match the key.");
            return false;
        }
        var seedAndPublic = bytes.AsSpan(EncryptedOffset + 8, 64);
        if (!Key.TryImport(SignatureAlgorithm.Ed25519, seedAndPublic[..32], KeyBlobFormat.RawPrivateKey, out var key,
                new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }))
        {
            error = new MinisignFormatError(source, 2, "holds bytes that are not an Ed25519 secret key.");
            return false;
        }
        if (!key!.PublicKey.Export(KeyBlobFormat.RawPublicKey).AsSpan().SequenceEqual(seedAndPublic[32..]))
        {
            key.Dispose();
            error = new MinisignFormatError(source, 2, "is damaged: its public half does not belong to its secret half.");
            return false;
        }
        secretKey = new MinisignSecretKey(MinisignKeyId.FromBytes(bytes.AsSpan(EncryptedOffset, 8)), key);
        error = null;
        return true;
    }

    /// <summary>
    /// The secret key file minisign reads: encrypted with <paramref name="password"/> (scrypt with
    /// <paramref name="limits"/>, minisign's own cost by default), or unencrypted like
    /// <c>minisign -G -W</c> when the password is null.
    /// </summary>
    /// <param name="password">The password to encrypt with; null for an unencrypted file.</param>
    /// <param name="limits">The scrypt cost; <see cref="MinisignKdfLimits.Sensitive"/> when null.</param>
    /// <param name="untrustedComment">The first line's comment.</param>
    public string ToFileText(string? password, MinisignKdfLimits? limits = null, string untrustedComment = DefaultFileComment)
    {
        MinisignText.ValidateComment(untrustedComment, MinisignText.UntrustedCommentPrefix, MinisignText.UntrustedCommentLineMaxBytes, nameof(untrustedComment));
        var bytes = new byte[EncodedLength];
        try
        {
            bytes[0] = (byte)'E';
            bytes[1] = (byte)'d';
            bytes[4] = (byte)'B';
            bytes[5] = (byte)'2';
            KeyId.WriteTo(bytes.AsSpan(EncryptedOffset, 8));
            var seed = key.Export(KeyBlobFormat.RawPrivateKey);
            seed.CopyTo(bytes.AsSpan(EncryptedOffset + 8, 32));
            CryptographicOperations.ZeroMemory(seed);
            PublicKey.KeyBytes.CopyTo(bytes.AsSpan(EncryptedOffset + 8 + 32, 32));
            Checksum(bytes.AsSpan(0, 2), bytes.AsSpan(EncryptedOffset, 8), bytes.AsSpan(EncryptedOffset + 8, 64))
                .CopyTo(bytes.AsSpan(EncryptedOffset + 8 + 64, 32));
            if (password is not null)
            {
                var cost = limits ?? MinisignKdfLimits.Sensitive;
                bytes[2] = (byte)'S';
                bytes[3] = (byte)'c';
                RandomNumberGenerator.Fill(bytes.AsSpan(SaltOffset, SaltLength));
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(OpsLimitOffset, 8), cost.OpsLimit);
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(MemLimitOffset, 8), cost.MemLimit);
                if (!TryXorWithPasswordStream(bytes.AsSpan(EncryptedOffset, EncryptedLength), password, bytes.AsSpan(SaltOffset, SaltLength), cost, out var kdfError))
                {
                    throw new ArgumentException(kdfError, nameof(limits));
                }
            }
            return $"{MinisignText.UntrustedCommentPrefix}{untrustedComment}\n{Convert.ToBase64String(bytes)}\n";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Signs bytes held in memory as <c>minisign -S</c> does (algorithm <c>ED</c>: the BLAKE2b-512 hash of
    /// the bytes), with a trusted comment the global signature covers.
    /// </summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="trustedComment">One line that verifiers can trust once the signature verifies.</param>
    /// <param name="untrustedComment">One line anyone can change.</param>
    public MinisignSignature Sign(ReadOnlySpan<byte> content, string trustedComment, string untrustedComment = DefaultSignatureComment) =>
        SignHash(MinisignHashing.Blake2b512(content), trustedComment, untrustedComment);

    /// <summary>
    /// Signs a stream, read once in chunks from its current position; see
    /// <see cref="Sign(ReadOnlySpan{byte}, string, string)"/>.
    /// </summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="trustedComment">One line that verifiers can trust once the signature verifies.</param>
    /// <param name="untrustedComment">One line anyone can change.</param>
    /// <param name="cancellationToken">Stops reading the content.</param>
    public async Task<MinisignSignature> SignAsync(
        Stream content, string trustedComment, string untrustedComment = DefaultSignatureComment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var hash = await MinisignHashing.Blake2b512Async(content, cancellationToken).ConfigureAwait(false);
        return SignHash(hash, trustedComment, untrustedComment);
    }

    private MinisignSignature SignHash(byte[] hash, string trustedComment, string untrustedComment)
    {
        MinisignText.ValidateComment(trustedComment, MinisignText.TrustedCommentPrefix, MinisignText.TrustedCommentLineMaxBytes, nameof(trustedComment));
        MinisignText.ValidateComment(untrustedComment, MinisignText.UntrustedCommentPrefix, MinisignText.UntrustedCommentLineMaxBytes, nameof(untrustedComment));
        var signature = SignatureAlgorithm.Ed25519.Sign(key, hash);
        var global = SignatureAlgorithm.Ed25519.Sign(key, MinisignSignature.GlobalSignedBytes(signature, trustedComment));
        return new MinisignSignature(MinisignSignatureAlgorithm.Hashed, KeyId, signature, untrustedComment, trustedComment, global);
    }

    /// <summary>Releases the key material.</summary>
    public void Dispose() => key.Dispose();

    /// <summary>minisign's checksum: BLAKE2b-256 of the algorithm, the key id and the 64-byte secret key.</summary>
    private static byte[] Checksum(ReadOnlySpan<byte> algorithm, ReadOnlySpan<byte> keyId, ReadOnlySpan<byte> secretKey)
    {
        Span<byte> input = stackalloc byte[2 + 8 + 64];
        algorithm.CopyTo(input);
        keyId.CopyTo(input[2..]);
        secretKey.CopyTo(input[10..]);
        var checksum = MinisignHashing.Blake2b256(input);
        CryptographicOperations.ZeroMemory(input);
        return checksum;
    }

    /// <summary>
    /// XORs the key id, secret key and checksum with the scrypt stream of the password, as minisign's
    /// encrypt_key and decrypt_key do (the same operation both ways).
    /// </summary>
    private static bool TryXorWithPasswordStream(
        Span<byte> target, string password, ReadOnlySpan<byte> salt, MinisignKdfLimits limits, [NotNullWhen(false)] out string? error)
    {
        var (costLog2, blockSize, parallelization) = limits.ToScryptParameters();
        if (parallelization < 1)
        {
            error = $"has password derivation limits scrypt cannot use (opslimit {limits.OpsLimit}, memlimit {limits.MemLimit}).";
            return false;
        }
        var scrypt = PasswordBasedKeyDerivationAlgorithm.Scrypt(new ScryptParameters
        {
            Cost = 1L << costLog2,
            BlockSize = blockSize,
            Parallelization = parallelization,
        });
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var stream = new byte[target.Length];
        try
        {
            try
            {
                scrypt.DeriveBytes(passwordBytes, salt, stream);
            }
            catch (CryptographicException)
            {
                // libsodium fails only when it cannot allocate the memory the cost asks for.
                error = "could not derive the key from the password: not enough memory for its scrypt cost.";
                return false;
            }
            for (var i = 0; i < target.Length; i++)
            {
                target[i] ^= stream[i];
            }
            error = null;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
            CryptographicOperations.ZeroMemory(stream);
        }
    }
}
