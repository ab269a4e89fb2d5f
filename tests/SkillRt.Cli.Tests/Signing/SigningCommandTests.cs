using System;
using System.Globalization;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Install;
using SkillRt.Cli.Tests.Registry;
using Xunit;

namespace SkillRt.Cli.Tests.Signing;

/// <summary>
/// Author signatures end to end, with the real <c>skillrt</c> and a real server: <c>key new</c>, <c>sign</c>,
/// <c>publish</c> with the .minisig, and <c>install</c>, which verifies it and refuses a package whose
/// stored bytes were changed. The files interoperate with the real minisign.
/// </summary>
public sealed class SigningCommandTests(RegistryServer server) : IClassFixture<RegistryServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Key_new_writes_a_minisign_key_pair_refuses_to_overwrite_it_and_minisign_verifies_what_sign_writes()
    {
        using var cli = new SkillCli();
        cli.Environment["SKILLRT_SIGNING_KEY_PASSWORD"] = "correct horse";

        var created = await cli.RunAsync("key", "new", "--kdf-limit", "interactive", "--json");
        var again = await cli.RunAsync("key", "new", "--no-password");

        Assert.True(created.ExitCode == 0, created.ToString());
        using var json = JsonDocument.Parse(created.Output);
        var keyId = json.RootElement.GetProperty("keyId").GetString()!;
        var secretFile = json.RootElement.GetProperty("secretKeyFile").GetString()!;
        var publicFile = json.RootElement.GetProperty("publicKeyFile").GetString()!;
        Assert.Equal(Path.Combine(cli.ConfigHome, "signing", "minisign.key"), secretFile);
        Assert.True(json.RootElement.GetProperty("encrypted").GetBoolean());
        // The file's comment names the id as minisign does (%PRIX64: no leading zeros); --json gives all 16 digits.
        var unpadded = ulong.Parse(keyId, NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString("X", CultureInfo.InvariantCulture);
        Assert.Equal($"untrusted comment: minisign public key {unpadded}\n{json.RootElement.GetProperty("publicKey").GetString()}\n", File.ReadAllText(publicFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));
        }

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists already", again.Error, StringComparison.Ordinal);

        var package = await PackAsync(cli, "signed-by-password");
        var signed = await cli.RunAsync("sign", package, "--json");
        Assert.True(signed.ExitCode == 0, signed.ToString());
        var sha512 = Convert.ToHexStringLower(SHA512.HashData(File.ReadAllBytes(package)));
        using var signedJson = JsonDocument.Parse(signed.Output);
        Assert.Equal(keyId, signedJson.RootElement.GetProperty("keyId").GetString());

        var verified = await RunMinisignAsync("-Vm", package, "-p", publicFile);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains($"package:signed-by-password@1.0.0\tsha512:{sha512}", verified.Output, StringComparison.Ordinal);

        cli.Environment["SKILLRT_SIGNING_KEY_PASSWORD"] = "wrong horse";
        var wrong = await cli.RunAsync("sign", package);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("the password is wrong", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_package_installs_verified_and_a_byte_changed_in_the_blob_store_is_refused()
    {
        var (owner, apiKey) = await NewAccountAsync("author");
        using var cli = new SkillCli();
        cli.Environment["SKILLRT_API_KEY"] = apiKey;
        SkillLibraryFeed.WriteNuGetConfig(cli.WorkingDirectory, $"""<add key="registry" value="{server.ServiceIndexUrl}" />""");
        var name = "signed-" + owner;
        var secret = Path.Combine(cli.WorkingDirectory, "keys", "author.key");

        var created = await cli.RunAsync("key", "new", "--no-password", "--output", secret, "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        await RegisterAsync(owner, apiKey, File.ReadAllText(Path.Combine(cli.WorkingDirectory, "keys", "author.pub")));
        var package = await PackAsync(cli, name);
        var signed = await cli.RunAsync("sign", package, "--key", secret);
        var published = await cli.RunAsync("publish", package, "--source", server.ServiceIndexUrl, "--json");
        var installed = await cli.RunAsync("install", $"{name}@1.0.0", "--verbose");

        Assert.True(signed.ExitCode == 0, signed.ToString());
        Assert.StartsWith($"Signed {name} 1.0.0 with key ", signed.Output, StringComparison.Ordinal);
        Assert.True(published.ExitCode == 0, published.ToString());
        using (var json = JsonDocument.Parse(published.Output))
        {
            Assert.Equal(package + ".minisig", json.RootElement.GetProperty("signature").GetString());
        }

        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.True(installed.Error.Contains("Verified the signature of", StringComparison.Ordinal), installed.Error);
        Assert.True(Directory.Exists(cli.StoreEntry(name, "1.0.0")));

        // Change one byte of the stored package, inside an entry the installer does not read before checking.
        var bytes = File.ReadAllBytes(package);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var blob = Path.Combine(server.Process.DataDirectory, "blobs", sha256[..2], sha256);
        var stored = File.ReadAllBytes(blob);
        var entry = IndexOf(stored, Encoding.ASCII.GetBytes("[Content_Types].xml"));
        stored[entry + "[Content_Types].xml".Length + 20] ^= 0x01;
        File.WriteAllBytes(blob, stored);

        using var victim = new SkillCli();
        SkillLibraryFeed.WriteNuGetConfig(victim.WorkingDirectory, $"""<add key="registry" value="{server.ServiceIndexUrl}" />""");
        var refused = await victim.RunAsync("install", $"{name}@1.0.0");

        Assert.Equal(7, refused.ExitCode);
        Assert.Contains($"refusing {name} 1.0.0", refused.Error, StringComparison.Ordinal);
        Assert.Contains("do not match its signature", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was installed", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(victim.StoreEntry(name, "1.0.0")));
    }

    [Fact]
    public async Task Publishing_with_a_key_the_owner_has_not_registered_is_refused_naming_the_key()
    {
        var (_, apiKey) = await NewAccountAsync("unregistered");
        using var cli = new SkillCli();
        cli.Environment["SKILLRT_API_KEY"] = apiKey;
        var secret = Path.Combine(cli.WorkingDirectory, "stray.key");
        var created = await cli.RunAsync("key", "new", "--no-password", "--output", secret, "--json");
        using var json = JsonDocument.Parse(created.Output);
        var package = await PackAsync(cli, "stray-signed");
        Assert.Equal(0, (await cli.RunAsync("sign", package, "--key", secret)).ExitCode);

        var published = await cli.RunAsync("publish", package, "--source", server.ServiceIndexUrl);
        var unsigned = await cli.RunAsync("publish", package, "--source", server.ServiceIndexUrl, "--no-signature");

        Assert.Equal(7, published.ExitCode);
        Assert.Contains("Unknown signing key", published.Error + published.Output, StringComparison.Ordinal);
        Assert.Contains(json.RootElement.GetProperty("keyId").GetString()!, published.Error, StringComparison.Ordinal);
        Assert.True(unsigned.ExitCode == 0, unsigned.ToString());
    }

    /// <summary>Packs a one-skill folder with <c>publish --dry-run --output</c>; returns the .nupkg's path.</summary>
    private static async Task<string> PackAsync(SkillCli cli, string name)
    {
        cli.WriteFile($"{name}/SKILL.md", $"---\nname: {name}\ndescription: A signed skill.\nversion: 1.0.0\n---\nSay hello.\n");
        var packed = await cli.RunAsync("publish", name, "--dry-run", "--output", "out", "--json");
        Assert.True(packed.ExitCode == 0, packed.ToString());
        using var json = JsonDocument.Parse(packed.Output);
        return json.RootElement.GetProperty("package").GetString()!;
    }

    private async Task<(string Owner, string ApiKey)> NewAccountAsync(string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..6];
        using var admin = server.Process.CreateClient(server.AdministratorKey);
        var response = await admin.PostAsJsonAsync("api/v1/accounts", new { name }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (name, body.GetProperty("secret").GetString()!);
    }

    private async Task RegisterAsync(string owner, string apiKey, string publicKey)
    {
        using var client = server.Process.CreateClient(apiKey);
        var response = await client.PostAsJsonAsync($"api/v2/owners/{owner}/signing-keys", new { publicKey }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        var index = haystack.AsSpan().IndexOf(needle);
        Assert.True(index >= 0, "the package has no [Content_Types].xml entry");
        return index;
    }

    private static async Task<(int ExitCode, string Output)> RunMinisignAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("minisign") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output + await error);
    }
}
