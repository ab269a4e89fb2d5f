using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SkillRt.Signing.Transparency;
using Xunit;

namespace SkillRt.Signing.Tests.Transparency;

public sealed class SignedCheckpointTests
{
    private const string Origin = "registry.example.com/log";

    [Fact]
    public void A_checkpoint_is_origin_size_and_base64_root_then_one_signature_line()
    {
        using var signer = NoteSigner.Generate(Origin);
        var root = SHA256.HashData("root"u8);
        var note = new Checkpoint(Origin, 42, root).Sign(signer);

        var lines = note.Split('\n');
        Assert.Equal([Origin, "42", Convert.ToBase64String(root), "", lines[4], ""], lines);
        Assert.StartsWith("\u2014 " + Origin + " ", lines[4], StringComparison.Ordinal);

        // The signature blob is the 4-byte key ID, big-endian, then the 64-byte Ed25519 signature of the text.
        var blob = Convert.FromBase64String(lines[4].Split(' ')[2]);
        Assert.Equal(68, blob.Length);
        Assert.Equal(signer.KeyId, (uint)((blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3]));
        Assert.True(signer.Verifier.Verify(Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(3)) + "\n"), blob.AsSpan(4)));
    }

    [Fact]
    public void The_key_ID_is_the_first_four_bytes_of_the_hash_of_name_newline_type_and_key()
    {
        using var signer = NoteSigner.Generate(Origin);
        var key = signer.Verifier.PublicKey.ToArray();
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes(Origin), (byte)'\n', 0x01, .. key]);
        Assert.Equal((uint)((hash[0] << 24) | (hash[1] << 16) | (hash[2] << 8) | hash[3]), signer.KeyId);
        Assert.Equal($"{Origin}+{signer.KeyId:x8}+{Convert.ToBase64String([0x01, .. key])}", signer.Verifier.Text);
    }

    [Fact]
    public void Keys_round_trip_through_their_text_forms()
    {
        using var signer = NoteSigner.Generate(Origin);
        using var again = NoteSigner.Parse(signer.PrivateKeyText, out var problem);
        Assert.Null(problem);
        Assert.True(again!.Verifier.SameKeyAs(signer.Verifier));
        var verifier = NoteVerifier.Parse(signer.Verifier.Text, out problem);
        Assert.Null(problem);
        Assert.True(verifier!.SameKeyAs(signer.Verifier));

        var note = new Checkpoint(Origin, 1, new byte[32]).Sign(again);
        Assert.NotNull(Checkpoint.Open(note, verifier, Origin, out var check));
        Assert.True(check.IsValid);
    }

    [Fact]
    public void Key_texts_with_a_wrong_ID_name_or_key_are_refused_with_a_reason()
    {
        using var signer = NoteSigner.Generate(Origin);
        var parts = signer.Verifier.Text.Split('+', 3);
        Assert.Null(NoteVerifier.Parse($"{parts[0]}+00000000+{parts[2]}", out var problem));
        Assert.Contains("does not match", problem, StringComparison.Ordinal);
        Assert.Null(NoteVerifier.Parse($"other+{parts[1]}+{parts[2]}", out problem));
        Assert.Contains("does not match", problem, StringComparison.Ordinal);
        Assert.Null(NoteVerifier.Parse($"{parts[0]}+{parts[1]}+AQ==", out problem));
        Assert.NotNull(problem);
        Assert.Null(NoteVerifier.Parse("nonsense", out problem));
        Assert.NotNull(problem);
        Assert.Null(NoteSigner.Parse(signer.Verifier.Text, out problem));
        Assert.Contains("PRIVATE+KEY+", problem, StringComparison.Ordinal);
        Assert.Null(NoteVerifier.Parse(null, out problem));
        Assert.NotNull(problem);
        Assert.Throws<ArgumentException>(() => NoteSigner.Generate("has space"));
    }

    [Fact]
    public void A_changed_text_or_signature_or_another_key_fails_with_what_was_detected()
    {
        using var signer = NoteSigner.Generate(Origin);
        using var other = NoteSigner.Generate(Origin);
        var note = new Checkpoint(Origin, 7, SHA256.HashData("r"u8)).Sign(signer);

        Assert.Null(Checkpoint.Open(note.Replace("\n7\n", "\n8\n", StringComparison.Ordinal), signer.Verifier, Origin, out var check));
        Assert.Contains("does not match", check.Problem, StringComparison.Ordinal);

        var lines = note.Split('\n');
        var blob = Convert.FromBase64String(lines[4].Split(' ')[2]);
        blob[10] ^= 0x40;
        var forged = note.Replace(lines[4].Split(' ')[2], Convert.ToBase64String(blob), StringComparison.Ordinal);
        Assert.Null(Checkpoint.Open(forged, signer.Verifier, Origin, out check));
        Assert.Contains("does not match", check.Problem, StringComparison.Ordinal);

        Assert.Null(Checkpoint.Open(note, other.Verifier, Origin, out check));
        Assert.Contains("another key", check.Problem, StringComparison.Ordinal);

        Assert.Null(Checkpoint.Open(note, signer.Verifier, "another.example/log", out check));
        Assert.Contains("not 'another.example/log'", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_signed_by_a_witness_too_verifies_with_either_key()
    {
        using var log = NoteSigner.Generate(Origin);
        using var witness = NoteSigner.Generate("witness.example");
        var note = new Checkpoint(Origin, 3, new byte[32]).Sign(log);
        var text = note[..(note.IndexOf("\n\n", StringComparison.Ordinal) + 1)];
        var witnessed = note + SignedNote.Sign(text, witness)[(text.Length + 1)..];
        Assert.NotNull(Checkpoint.Open(witnessed, log.Verifier, Origin, out _));
        Assert.NotNull(Checkpoint.Open(witnessed, witness.Verifier, null, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\n\n")]
    [InlineData("origin\n5\nroot\n")]
    [InlineData("origin\n5\n\n\u2014 origin AAAA\n")]
    [InlineData("origin\n05\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 origin AAAAAAAA\n")]
    [InlineData("origin\n-1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 origin AAAAAAAA\n")]
    [InlineData("origin\n99999999999999999999\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 origin AAAAAAAA\n")]
    [InlineData("origin\n1\nAAAA\n\n\u2014 origin !!!!\n")]
    [InlineData("or\u0000igin\n1\nAAAA\n\n\u2014 origin AAAAAAAA\n")]
    [InlineData("\ud800\n1\nAAAA\n\n\u2014 origin AAAAAAAA\n")]
    public void Malformed_notes_fail_without_throwing(string note)
    {
        using var signer = NoteSigner.Generate(Origin);
        Assert.Null(Checkpoint.Open(note, signer.Verifier, Origin, out var check));
        Assert.False(check.IsValid);
        Assert.False(string.IsNullOrWhiteSpace(check.Problem));
    }

    [Fact]
    public void Random_bytes_and_truncations_never_throw()
    {
        using var signer = NoteSigner.Generate(Origin);
        var note = new Checkpoint(Origin, 12, new byte[32]).Sign(signer);
        for (var cut = 0; cut < note.Length; cut++)
        {
            Assert.Null(Checkpoint.Open(note[..cut], signer.Verifier, Origin, out _));
        }

        var random = new Random(9162);
        for (var round = 0; round < 2000; round++)
        {
            var chars = note.ToCharArray();
            chars[random.Next(chars.Length)] = (char)random.Next(0, 0x3000);
            _ = Checkpoint.Open(new string(chars), signer.Verifier, Origin, out _);
            _ = LogEntry.Parse(new string(chars), out _);
            _ = NoteVerifier.Parse(new string(chars), out _);
        }
    }

    [Fact]
    public void Checkpoint_parsing_reads_extensions_and_refuses_leading_zeros()
    {
        var checkpoint = Checkpoint.Parse($"{Origin}\n3\n{Convert.ToBase64String(new byte[32])}\nextra line\n", out var problem);
        Assert.Null(problem);
        Assert.Equal(["extra line"], checkpoint!.Extensions);
        Assert.Equal(3, checkpoint.Size);
        Assert.Null(Checkpoint.Parse($"{Origin}\n03\n{Convert.ToBase64String(new byte[32])}\n", out problem));
        Assert.Contains("leading zeros", problem, StringComparison.Ordinal);
    }
}
