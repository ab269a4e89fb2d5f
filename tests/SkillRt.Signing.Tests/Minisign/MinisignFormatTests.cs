using System;
using System.Text;
using SkillRt.Signing.Minisign;
using Xunit;

namespace SkillRt.Signing.Tests.Minisign;

/// <summary>The file formats themselves: round trips, the exact text written, and every kind of bad input.</summary>
public sealed class MinisignFormatTests
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("content");

    // A key pair and signature minisign 0.11 wrote (minisign -G -W; minisign -S -t "trusted\tcomment").
    private const string MinisignPublicKeyFile =
        "untrusted comment: minisign public key 45D0EF3B3F3DD5E5\nRWTl1T0/O+/QRX5ggOv19K3ZYMIkLv74HgfQ9leXont8MgyFavHp2dnw\n";

    [Fact]
    public void A_public_key_file_from_minisign_reads_with_its_key_id_and_writes_back_byte_for_byte()
    {
        Assert.True(MinisignPublicKey.TryParse(MinisignPublicKeyFile, "key.pub", out var key, out var error), error?.ToString());

        Assert.Equal("45D0EF3B3F3DD5E5", key.KeyId.ToString());
        Assert.Equal(MinisignPublicKeyFile, key.ToFileText());
        Assert.Equal("RWTl1T0/O+/QRX5ggOv19K3ZYMIkLv74HgfQ9leXont8MgyFavHp2dnw", key.ToBase64());
    }

    [Fact]
    public void A_key_id_with_a_leading_zero_is_written_without_it_as_minisign_does()
    {
        var bytes = Convert.FromBase64String("RWTl1T0/O+/QRX5ggOv19K3ZYMIkLv74HgfQ9leXont8MgyFavHp2dnw");
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(2, 8), 0x0BF4D43F8E9BDE74);
        Assert.True(MinisignPublicKey.TryParse(Convert.ToBase64String(bytes), "inline", out var key, out var error), error?.ToString());

        Assert.Equal("0BF4D43F8E9BDE74", key.KeyId.ToString());
        Assert.StartsWith("untrusted comment: minisign public key BF4D43F8E9BDE74\n", key.ToFileText(), StringComparison.Ordinal);
        Assert.True(MinisignPublicKey.TryParse(key.ToFileText(), "key.pub", out var again, out error), error?.ToString());
        Assert.Equal(key.KeyId, again.KeyId);
    }

    [Fact]
    public void A_public_key_reads_from_its_base64_line_alone_and_with_CRLF_line_ends()
    {
        Assert.True(MinisignPublicKey.TryParse("RWTl1T0/O+/QRX5ggOv19K3ZYMIkLv74HgfQ9leXont8MgyFavHp2dnw", "inline", out var inline, out _));
        Assert.True(MinisignPublicKey.TryParse(MinisignPublicKeyFile.Replace("\n", "\r\n", StringComparison.Ordinal), "crlf", out var crlf, out _));
        Assert.Equal(inline.KeyId, crlf.KeyId);
    }

    [Theory]
    [InlineData("", 0, "is empty")]
    [InlineData("untrusted comment: only a comment", 2, "is missing")]
    [InlineData("comment: wrong prefix\nRWTl1T0/O+/QRX5ggOv19K3ZYMIkLv74HgfQ9leXont8MgyFavHp2dnw", 1, "should start with")]
    [InlineData("untrusted comment: x\nnot base64!", 2, "expected base64 of 42 bytes")]
    [InlineData("untrusted comment: x\nRWTl1T0/O+/QRX5ggOv19K3ZYMIkLv74HgfQ9leXont8MgyFavHp2Q==", 2, "expected base64 of 42 bytes")]
    [InlineData("untrusted comment: x\nRUTl1T0/O+/QRX5ggOv19K3ZYMIkLv74HgfQ9leXont8MgyFavHp2dnw", 2, "other than Ed25519")]
    [InlineData("untrusted comment: x\nRWTl1T0/O+/QRX5ggOv19K3ZYMIkLv74HgfQ9leXont8MgyFavHp2dnw\nextra", 3, "is unexpected")]
    public void Bad_public_key_text_gives_the_line_and_what_is_wrong(string text, int line, string message)
    {
        Assert.False(MinisignPublicKey.TryParse(text, "owner.pub", out var key, out var error));

        Assert.Null(key);
        Assert.Equal("owner.pub", error.Source);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("owner.pub: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_file_round_trips_keeping_the_trusted_comments_tabs_and_spaces()
    {
        using var key = MinisignSecretKey.Generate();
        var text = key.Sign(Content, "\tleading tab and trailing space ", "my comment").ToFileText();

        Assert.True(MinisignSignature.TryParse(text, "sig", out var signature, out var error), error?.ToString());
        Assert.Equal("\tleading tab and trailing space ", signature.TrustedComment);
        Assert.Equal("my comment", signature.UntrustedComment);
        Assert.Equal(text, signature.ToFileText());
        Assert.True(key.PublicKey.Verify(signature, Content).IsValid);

        var lines = text.Split('\n');
        Assert.Equal("untrusted comment: my comment", lines[0]);
        Assert.Equal("ED"u8.ToArray(), Convert.FromBase64String(lines[1])[..2]);
        Assert.Equal("trusted comment: \tleading tab and trailing space ", lines[2]);
    }

    [Fact]
    public void An_edited_trusted_comment_or_another_key_or_other_bytes_fail_with_the_reason()
    {
        using var key = MinisignSecretKey.Generate();
        using var other = MinisignSecretKey.Generate();
        var text = key.Sign(Content, "version 1.0.0").ToFileText();
        Assert.True(MinisignSignature.TryParse(text.Replace("version 1.0.0", "version 9.9.9", StringComparison.Ordinal), "sig", out var edited, out _));
        Assert.True(MinisignSignature.TryParse(text, "sig", out var signature, out _));

        Assert.Equal(MinisignVerificationFailure.TrustedCommentMismatch, key.PublicKey.Verify(edited, Content).Failure);
        var wrongKey = other.PublicKey.Verify(signature, Content);
        Assert.Equal(MinisignVerificationFailure.KeyIdMismatch, wrongKey.Failure);
        Assert.Contains(key.KeyId.ToString(), wrongKey.Message, StringComparison.Ordinal);
        Assert.Equal(MinisignVerificationFailure.ContentMismatch, key.PublicKey.Verify(signature, Encoding.UTF8.GetBytes("contenT")).Failure);
        Assert.Null(key.PublicKey.Verify(signature, Encoding.UTF8.GetBytes("contenT")).TrustedComment);
    }

    [Theory]
    [InlineData(null, 0, "is empty")]
    [InlineData("untrusted comment: a\nb\ntrusted comment: c", 4, "is missing")]
    [InlineData("not a comment\nRUR\ntrusted comment: c\nx", 1, "should start with")]
    [InlineData("untrusted comment: a\n!!!\ntrusted comment: c\nx", 2, "expected base64 of 74 bytes")]
    public void Bad_signature_text_gives_the_line_and_what_is_wrong(string? text, int line, string message)
    {
        Assert.False(MinisignSignature.TryParse(text, "package.nupkg.minisig", out _, out var error));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_lines_of_a_real_signature_are_named()
    {
        using var key = MinisignSecretKey.Generate();
        var lines = key.Sign(Content, "c").ToFileText().Split('\n');

        Assert.Equal(3, ParseError(lines[0], lines[1], "comment without prefix", lines[3]).Line);
        Assert.Equal(4, ParseError(lines[0], lines[1], lines[2], lines[3][..20]).Line);
        var unknownAlgorithm = Convert.FromBase64String(lines[1]);
        unknownAlgorithm[1] = (byte)'X';
        var algorithm = ParseError(lines[0], Convert.ToBase64String(unknownAlgorithm), lines[2], lines[3]);
        Assert.Equal(2, algorithm.Line);
        Assert.Contains("unknown signature algorithm", algorithm.Message, StringComparison.Ordinal);
        Assert.Equal(5, ParseError(lines[0], lines[1], lines[2], lines[3], "fifth line").Line);
        Assert.Equal(3, ParseError(lines[0], lines[1], "trusted comment: " + new string('x', 8200), lines[3]).Line);

        static MinisignFormatError ParseError(params string[] fileLines)
        {
            Assert.False(MinisignSignature.TryParse(string.Join('\n', fileLines), "sig", out _, out var error));
            return error;
        }
    }

    [Fact]
    public void Signing_refuses_a_comment_minisign_could_not_read()
    {
        using var key = MinisignSecretKey.Generate();

        Assert.Throws<ArgumentException>(() => key.Sign(Content, "two\nlines"));
        Assert.Throws<ArgumentException>(() => key.Sign(Content, new string('x', 8200)));
        Assert.Throws<ArgumentException>(() => key.Sign(Content, "ok", "untrusted\r"));
    }

    [Fact]
    public void An_unencrypted_secret_key_file_round_trips()
    {
        using var key = MinisignSecretKey.Generate();
        var text = key.ToFileText(password: null);

        Assert.False(MinisignSecretKey.IsEncrypted(text));
        Assert.StartsWith("untrusted comment: minisign encrypted secret key\nRWQAAEIy", text, StringComparison.Ordinal);
        Assert.True(MinisignSecretKey.TryParse(text, "key", null, out var read, out var error), error?.ToString());
        using (read)
        {
            Assert.Equal(key.KeyId, read.KeyId);
            Assert.Equal(key.PublicKey.ToBase64(), read.PublicKey.ToBase64());
            Assert.True(key.PublicKey.Verify(read.Sign(Content, "c"), Content).IsValid);
        }
    }

    [Fact]
    public void An_encrypted_secret_key_opens_with_its_password_only()
    {
        using var key = MinisignSecretKey.Generate();
        var text = key.ToFileText("pässword", MinisignKdfLimits.Interactive);

        Assert.True(MinisignSecretKey.IsEncrypted(text));
        Assert.False(MinisignSecretKey.TryParse(text, "key", "password", out _, out var wrong));
        Assert.Contains("password is wrong", wrong.Message, StringComparison.Ordinal);
        Assert.False(MinisignSecretKey.TryParse(text, "key", null, out _, out var missing));
        Assert.Contains("give the password", missing.Message, StringComparison.Ordinal);
        Assert.True(MinisignSecretKey.TryParse(text, "key", "pässword", out var read, out var error), error?.ToString());
        using (read)
        {
            Assert.Equal(key.KeyId, read.KeyId);
        }
    }

    [Fact]
    public void A_damaged_or_foreign_secret_key_file_is_refused_with_the_reason()
    {
        using var key = MinisignSecretKey.Generate();
        var lines = key.ToFileText(password: null).Split('\n');
        var bytes = Convert.FromBase64String(lines[1]);

        Assert.Contains("checksum does not match", Refuse(bytes, b => b[60] ^= 1).Message, StringComparison.Ordinal);
        Assert.Contains("checksum other than BLAKE2b", Refuse(bytes, b => b[4] = (byte)'X').Message, StringComparison.Ordinal);
        Assert.Contains("key derivation other than scrypt", Refuse(bytes, b => b[2] = (byte)'X').Message, StringComparison.Ordinal);
        Assert.Contains("costlier than twice minisign's", Refuse(bytes, b => { b[2] = (byte)'S'; b[3] = (byte)'c'; b[53] = 0x7f; }, "pw").Message, StringComparison.Ordinal);
        Assert.False(MinisignSecretKey.TryParse("untrusted comment: x\nAAAA", "key", null, out _, out var shortKey));
        Assert.Equal(2, shortKey.Line);
        Assert.False(MinisignSecretKey.TryParse(MinisignPublicKeyFile, "key", null, out _, out var publicKey));
        Assert.Contains("expected base64 of 158 bytes", publicKey.Message, StringComparison.Ordinal);

        MinisignFormatError Refuse(byte[] original, Action<byte[]> damage, string? password = null)
        {
            var damaged = (byte[])original.Clone();
            damage(damaged);
            Assert.False(MinisignSecretKey.TryParse($"{lines[0]}\n{Convert.ToBase64String(damaged)}\n", "minisign.key", password, out _, out var error));
            return error;
        }
    }

    [Fact]
    public void Kdf_limits_pick_the_scrypt_parameters_libsodium_picks()
    {
        Assert.Equal((20, 8, 1), MinisignKdfLimits.Sensitive.ToScryptParameters());
        Assert.Equal((14, 8, 1), MinisignKdfLimits.Interactive.ToScryptParameters());
        Assert.Equal((17, 8, 8), new MinisignKdfLimits(33_554_432, 134_217_728).ToScryptParameters());
        Assert.Equal((10, 8, 1), new MinisignKdfLimits(1, 1UL << 40).ToScryptParameters()); // opslimit raised to 32768
    }

    [Fact]
    public void Key_ids_print_and_parse_as_minisign_prints_them()
    {
        Assert.True(MinisignKeyId.TryParse("45d0ef3b3f3dd5e5", out var id));
        Assert.Equal("45D0EF3B3F3DD5E5", id.ToString());
        Assert.False(MinisignKeyId.TryParse("45D0EF3B3F3DD5E", out _));
        Assert.False(MinisignKeyId.TryParse("0x45D0EF3B3F3DD5", out _));
        Assert.False(MinisignKeyId.TryParse(null, out _));
    }
}
