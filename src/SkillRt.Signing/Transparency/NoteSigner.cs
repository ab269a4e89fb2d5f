using System;
using NSec.Cryptography;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// A signed-note signer key: a name and an Ed25519 private key. Its text form
/// (<see cref="PrivateKeyText"/>, <c>PRIVATE+KEY+name+hex(ID)+base64(0x01 ‖ seed)</c>) is a secret: it
/// is what a log keeps in its key file or configuration.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private readonly Key _key;

    private NoteSigner(string name, Key key)
    {
        _key = key;
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        Verifier = NoteVerifier.Create(name, publicKey, out var problem)
            ?? throw new InvalidOperationException("A key NSec made is not a valid Ed25519 public key: " + problem);
    }

    /// <summary>The prefix of the private key's text form.</summary>
    public const string PrivateKeyPrefix = "PRIVATE+KEY+";

    /// <summary>The key's name: the log's origin.</summary>
    public string Name => Verifier.Name;

    /// <summary>The key ID.</summary>
    public uint KeyId => Verifier.KeyId;

    /// <summary>The matching verifier key, the public half to publish.</summary>
    public NoteVerifier Verifier { get; }

    /// <summary>The private key's text form: a secret.</summary>
    public string PrivateKeyText => NoteKeys.Format(PrivateKeyPrefix, Name, KeyId, _key.Export(KeyBlobFormat.RawPrivateKey));

    /// <summary>A new random key named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a valid key name (<see cref="NoteKeys.NameProblem"/>).</exception>
    public static NoteSigner Generate(string name)
    {
        if (NoteKeys.NameProblem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        return new NoteSigner(name, Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>Reads a private key's text form; checks that its key ID matches its name and key.</summary>
    /// <returns>The signer, or null with <paramref name="problem"/> saying what is wrong (never the key itself).</returns>
    public static NoteSigner? Parse(string? text, out string? problem)
    {
        if (text is null || !text.Trim().StartsWith(PrivateKeyPrefix, StringComparison.Ordinal))
        {
            problem = $"the private key does not start with '{PrivateKeyPrefix}'";
            return null;
        }

        if (NoteKeys.Parse(text.Trim()[PrivateKeyPrefix.Length..], "private key", out problem) is not { } parts)
        {
            return null;
        }

        if (!Key.TryImport(SignatureAlgorithm.Ed25519, parts.Key, KeyBlobFormat.RawPrivateKey, out var key, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }) || key is null)
        {
            problem = "the private key is not an Ed25519 seed";
            return null;
        }

        var signer = new NoteSigner(parts.Name, key);
        if (signer.KeyId != parts.KeyId)
        {
            signer.Dispose();
            problem = $"the private key's ID {parts.KeyId:x8} does not match its name and key (it should be {signer.KeyId:x8})";
            return null;
        }

        return signer;
    }

    /// <summary>The Ed25519 signature of <paramref name="message"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
