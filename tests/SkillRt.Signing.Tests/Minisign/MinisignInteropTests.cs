using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Signing.Minisign;
using Xunit;

namespace SkillRt.Signing.Tests.Minisign;

/// <summary>
/// Files this library writes are read by the real minisign, and files minisign writes are read here:
/// public keys, signatures (hashed and legacy), and secret keys with and without a password.
/// </summary>
public sealed class MinisignInteropTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Content = Encoding.UTF8.GetBytes("skill package bytes\n\u0000\u00ff and more");

    [Fact]
    public async Task Our_signature_passes_minisign_verify_with_the_public_key_inline_and_as_a_file()
    {
        using var folder = new TemporaryFolder();
        using var key = MinisignSecretKey.Generate();
        await File.WriteAllBytesAsync(folder.File("package.nupkg"), Content, Ct);
        var signature = key.Sign(Content, "package:demo@1.0.0\tsha512:abc");
        await File.WriteAllTextAsync(folder.File("package.nupkg.minisig"), signature.ToFileText(), Ct);
        await File.WriteAllTextAsync(folder.File("key.pub"), key.PublicKey.ToFileText(), Ct);

        var inline = await MinisignTool.RunAsync(folder.Path, Ct, "-Vm", "package.nupkg", "-P", key.PublicKey.ToBase64());
        var file = await MinisignTool.RunAsync(folder.Path, Ct, "-Vm", "package.nupkg", "-p", "key.pub");

        Assert.True(inline.ExitCode == 0, inline.Output);
        Assert.Contains("Trusted comment: package:demo@1.0.0\tsha512:abc", inline.Output);
        Assert.True(file.ExitCode == 0, file.Output);
    }

    [Fact]
    public async Task Minisign_refuses_our_signature_once_the_file_changed()
    {
        using var folder = new TemporaryFolder();
        using var key = MinisignSecretKey.Generate();
        var signature = key.Sign(Content, "trusted");
        var changed = (byte[])Content.Clone();
        changed[3] ^= 1;
        await File.WriteAllBytesAsync(folder.File("package.nupkg"), changed, Ct);
        await File.WriteAllTextAsync(folder.File("package.nupkg.minisig"), signature.ToFileText(), Ct);

        var result = await MinisignTool.RunAsync(folder.Path, Ct, "-Vm", "package.nupkg", "-P", key.PublicKey.ToBase64());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Signature verification failed", result.Output);
        Assert.Equal(MinisignVerificationFailure.ContentMismatch, key.PublicKey.Verify(signature, changed).Failure);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task We_verify_what_minisign_signs_with_a_key_from_minisign_G_W(bool legacy)
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllBytesAsync(folder.File("package.nupkg"), Content, Ct);
        var generate = await MinisignTool.RunAsync(folder.Path, Ct, "-G", "-W", "-p", "key.pub", "-s", "key.sec");
        Assert.True(generate.ExitCode == 0, generate.Output);
        string[] sign = legacy
            ? ["-S", "-l", "-s", "key.sec", "-m", "package.nupkg", "-t", "made by\tminisign "]
            : ["-S", "-s", "key.sec", "-m", "package.nupkg", "-t", "made by\tminisign "];
        var signed = await MinisignTool.RunAsync(folder.Path, Ct, sign);
        Assert.True(signed.ExitCode == 0, signed.Output);

        Assert.True(MinisignPublicKey.TryParse(await File.ReadAllTextAsync(folder.File("key.pub"), Ct), "key.pub", out var publicKey, out var keyError), keyError?.ToString());
        Assert.True(MinisignSignature.TryParse(await File.ReadAllTextAsync(folder.File("package.nupkg.minisig"), Ct), "package.nupkg.minisig", out var signature, out var signatureError), signatureError?.ToString());
        await using var content = File.OpenRead(folder.File("package.nupkg"));
        var result = await publicKey.VerifyAsync(signature, content, Ct);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(legacy ? MinisignSignatureAlgorithm.Legacy : MinisignSignatureAlgorithm.Hashed, signature.Algorithm);
        Assert.Equal("made by\tminisign ", result.TrustedComment);
        Assert.Equal(publicKey.KeyId, signature.KeyId);
    }

    [Fact]
    public async Task We_read_minisigns_unencrypted_secret_key_and_it_reads_ours()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllBytesAsync(folder.File("package.nupkg"), Content, Ct);
        var generate = await MinisignTool.RunAsync(folder.Path, Ct, "-G", "-W", "-p", "theirs.pub", "-s", "theirs.sec");
        Assert.True(generate.ExitCode == 0, generate.Output);

        // Theirs, read and used here, verified by minisign with its own public key file.
        Assert.True(MinisignSecretKey.TryParse(await File.ReadAllTextAsync(folder.File("theirs.sec"), Ct), "theirs.sec", null, out var theirs, out var error), error?.ToString());
        using (theirs)
        {
            Assert.Equal(await File.ReadAllTextAsync(folder.File("theirs.pub"), Ct), theirs.PublicKey.ToFileText());
            await File.WriteAllTextAsync(folder.File("package.nupkg.minisig"), theirs.Sign(Content, "ours with theirs").ToFileText(), Ct);
        }
        var verified = await MinisignTool.RunAsync(folder.Path, Ct, "-Vm", "package.nupkg", "-p", "theirs.pub");
        Assert.True(verified.ExitCode == 0, verified.Output);

        // Ours, unencrypted, used by minisign -S.
        using var ours = MinisignSecretKey.Generate();
        await File.WriteAllTextAsync(folder.File("ours.sec"), ours.ToFileText(password: null), Ct);
        var signed = await MinisignTool.RunAsync(folder.Path, Ct, "-S", "-s", "ours.sec", "-m", "package.nupkg", "-x", "ours.minisig", "-t", "theirs with ours");
        Assert.True(signed.ExitCode == 0, signed.Output);
        Assert.True(MinisignSignature.TryParse(await File.ReadAllTextAsync(folder.File("ours.minisig"), Ct), "ours.minisig", out var signature, out var signatureError), signatureError?.ToString());
        Assert.True(ours.PublicKey.Verify(signature, Content).IsValid);
    }

    [Fact]
    public async Task Minisign_signs_with_our_password_encrypted_key()
    {
        using var folder = new TemporaryFolder();
        await File.WriteAllBytesAsync(folder.File("package.nupkg"), Content, Ct);
        using var ours = MinisignSecretKey.Generate();
        await File.WriteAllTextAsync(folder.File("ours.sec"), ours.ToFileText("correct horse", MinisignKdfLimits.Interactive), Ct);

        var wrong = await MinisignTool.RunWithInputAsync(folder.Path, "wrong horse\n", Ct, "-S", "-s", "ours.sec", "-m", "package.nupkg");
        var signed = await MinisignTool.RunWithInputAsync(folder.Path, "correct horse\n", Ct, "-S", "-s", "ours.sec", "-m", "package.nupkg");

        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("Wrong password", wrong.Output);
        Assert.True(signed.ExitCode == 0, signed.Output);
        Assert.True(MinisignSignature.TryParse(await File.ReadAllTextAsync(folder.File("package.nupkg.minisig"), Ct), "sig", out var signature, out _));
        Assert.True(ours.PublicKey.Verify(signature, Content).IsValid);
    }

    [Fact]
    public async Task We_decrypt_minisigns_password_encrypted_key()
    {
        // minisign encrypts with libsodium's "sensitive" scrypt cost: 1 GiB and a few seconds, once here.
        using var folder = new TemporaryFolder();
        var generate = await MinisignTool.RunWithInputAsync(folder.Path, "s3cret pass\ns3cret pass\n", Ct, "-G", "-p", "theirs.pub", "-s", "theirs.sec");
        Assert.True(generate.ExitCode == 0, generate.Output);
        var text = await File.ReadAllTextAsync(folder.File("theirs.sec"), Ct);

        Assert.True(MinisignSecretKey.IsEncrypted(text));
        Assert.False(MinisignSecretKey.TryParse(text, "theirs.sec", null, out _, out var noPassword));
        Assert.Contains("encrypted with a password", noPassword.Message);
        Assert.True(MinisignSecretKey.TryParse(text, "theirs.sec", "s3cret pass", out var theirs, out var error), error?.ToString());
        using (theirs)
        {
            Assert.Equal(await File.ReadAllTextAsync(folder.File("theirs.pub"), Ct), theirs.PublicKey.ToFileText());
        }
    }
}
