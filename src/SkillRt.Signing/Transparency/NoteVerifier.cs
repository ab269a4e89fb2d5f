using System;
using NSec.Cryptography;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// A signed-note verifier key: a name, its key ID and an Ed25519 public key. Its text form
/// (<see cref="Text"/>) is what a log publishes and what clients pin.
/// </summary>
public sealed class NoteVerifier
{
    private readonly PublicKey _publicKey;

    private NoteVerifier(string name, uint keyId, byte[] publicKey, PublicKey key)
    {
        Name = name;
        KeyId = keyId;
        PublicKey = publicKey;
        _publicKey = key;
    }

    /// <summary>The key's name: the log's origin.</summary>
    public string Name { get; }

    /// <summary>The key ID (<see cref="NoteKeys.KeyId"/>).</summary>
    public uint KeyId { get; }

    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary><c>name+hex(ID)+base64(0x01 ‖ public key)</c>.</summary>
    public string Text => NoteKeys.Format("", Name, KeyId, PublicKey.Span);

    /// <summary>A verifier for the raw Ed25519 key <paramref name="publicKey"/> named <paramref name="name"/>.</summary>
    /// <returns>The verifier, or null with <paramref name="problem"/> saying what is wrong.</returns>
    public static NoteVerifier? Create(string name, ReadOnlySpan<byte> publicKey, out string? problem)
    {
        if (NoteKeys.NameProblem(name) is { } nameProblem)
        {
            problem = nameProblem;
            return null;
        }

        if (publicKey.Length != NoteKeys.KeyLength || !NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            problem = $"an Ed25519 public key is {NoteKeys.KeyLength} bytes of a valid point";
            return null;
        }

        problem = null;
        return new NoteVerifier(name, NoteKeys.KeyId(name, publicKey), publicKey.ToArray(), key);
    }

    /// <summary>Reads a verifier key's text form; checks that its key ID matches its name and key.</summary>
    /// <returns>The verifier, or null with <paramref name="problem"/> saying what is wrong.</returns>
    public static NoteVerifier? Parse(string? text, out string? problem)
    {
        if (text is null)
        {
            problem = "the verifier key is missing";
            return null;
        }

        if (NoteKeys.Parse(text, "verifier key", out problem) is not { } parts)
        {
            return null;
        }

        var verifier = Create(parts.Name, parts.Key, out problem);
        if (verifier is null)
        {
            return null;
        }

        if (verifier.KeyId != parts.KeyId)
        {
            problem = $"the verifier key's ID {parts.KeyId:x8} does not match its name and key (it should be {verifier.KeyId:x8})";
            return null;
        }

        return verifier;
    }

    /// <summary>Whether <paramref name="signature"/> is this key's Ed25519 signature of <paramref name="message"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureAlgorithm.Ed25519.SignatureSize && SignatureAlgorithm.Ed25519.Verify(_publicKey, message, signature);

    /// <summary>Whether two verifiers are the same key under the same name.</summary>
    public bool SameKeyAs(NoteVerifier other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Name == other.Name && KeyId == other.KeyId && PublicKey.Span.SequenceEqual(other.PublicKey.Span);
    }
}
