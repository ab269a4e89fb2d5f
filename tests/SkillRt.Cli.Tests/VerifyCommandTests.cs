using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt verify</c>, the real executable against the real server: the first verification pins
/// the log key and remembers the checkpoint, a later one proves the log only grew; a changed package
/// file, a changed log key, a changed remembered checkpoint and a registry that rewrote its history
/// are each detected (exit 8) with a line saying what. A signed version verifies with its owner's key
/// that the log records; a signature the registry removed or replaced with another registered key's is
/// detected by the log's author key.
/// </summary>
public sealed class VerifyCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_verification_pins_the_key_and_the_next_proves_the_log_only_grew()
    {
        await using var server = await ServerProcess.StartAsync();
        using var cli = NewCli(server);
        await PublishAsync(cli, server, "greeter");

        var first = await cli.RunAsync("verify", "greeter@0.1.0", "--source", Source(server));
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("ok   log-key: first use: pinned the log key", first.Output, StringComparison.Ordinal);
        Assert.Contains("ok   entry: leaf 0 records this SHA-512", first.Output, StringComparison.Ordinal);
        Assert.Contains("ok   inclusion:", first.Output, StringComparison.Ordinal);
        Assert.Contains("skip author-signature:", first.Output, StringComparison.Ordinal);
        Assert.Contains("Verified: greeter 0.1.0", first.Output, StringComparison.Ordinal);
        var pins = await File.ReadAllTextAsync(Path.Combine(cli.ConfigHome, "transparency-log.json"), Ct);
        Assert.Contains("\"checkpoint\"", pins, StringComparison.Ordinal);

        await PublishAsync(cli, server, "welcome");
        var second = await cli.RunAsync("verify", "welcome@0.1.0", "--source", Source(server), "--json");
        Assert.True(second.ExitCode == 0, second.ToString());
        using var json = JsonDocument.Parse(second.Output);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("leafIndex").GetInt64());
        var consistency = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "consistency");
        Assert.Equal("passed", consistency.GetProperty("status").GetString());
        Assert.Contains("extends the 1 seen before", consistency.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_package_file_is_detected()
    {
        await using var server = await ServerProcess.StartAsync();
        using var cli = NewCli(server);
        await PublishAsync(cli, server, "greeter");

        // Flip one byte of the stored package: the blob store serves what is on disk.
        var blob = Directory.GetFiles(Path.Combine(server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories).Single(f => !Path.GetFileName(f).StartsWith('.'));
        var bytes = await File.ReadAllBytesAsync(blob, Ct);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(blob, bytes, Ct);

        var result = await cli.RunAsync("verify", "greeter@0.1.0", "--source", Source(server));
        Assert.True(result.ExitCode == 8, result.ToString());
        Assert.Contains("FAIL entry: the package's SHA-512 is", result.Output, StringComparison.Ordinal);
        Assert.Contains("the package file was changed after it was published", result.Output, StringComparison.Ordinal);
        Assert.Contains("NOT VERIFIED: tampering detected (entry)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_that_rewrote_its_history_and_signed_it_with_its_own_key_is_detected()
    {
        var data = Directory.CreateTempSubdirectory("skillrt-verify-").FullName;
        try
        {
            using var cli = new SkillCli();
            string url;
            await using (var server = await ServerProcess.StartAsync(data))
            {
                url = server.BaseUrl.ToString();
                cli.Environment["SKILLRT_API_KEY"] = server.AdministratorKey;
                await PublishAsync(cli, server, "greeter");
                var seen = await cli.RunAsync("verify", "greeter@0.1.0", "--source", Source(server));
                Assert.True(seen.ExitCode == 0, seen.ToString());
            }

            // The operator drops the database (every log entry with it) and keeps the signing key: the log
            // starts again and signs a different first entry at the same size, with the same key.
            foreach (var file in Directory.GetFiles(data, "skillrt.db*"))
            {
                File.Delete(file);
            }

            // The same address: pins belong to the source's URL.
            await using var rewritten = await ServerProcess.StartAsync(data, SameAddress(url));
            cli.Environment["SKILLRT_API_KEY"] = rewritten.AdministratorKey;
            await PublishAsync(cli, rewritten, "welcome");
            var result = await cli.RunAsync("verify", "welcome@0.1.0", "--source", Source(rewritten));

            Assert.True(result.ExitCode == 8, result.ToString());
            Assert.Contains("ok   log-key: the log key is the one pinned", result.Output, StringComparison.Ordinal);
            Assert.Contains("ok   inclusion:", result.Output, StringComparison.Ordinal);
            Assert.Contains("FAIL consistency: the log is not consistent with the checkpoint seen before: the log signed two different roots for the same size 1: its history was rewritten.", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_changed_log_key_and_a_changed_remembered_checkpoint_are_detected()
    {
        var data = Directory.CreateTempSubdirectory("skillrt-verify-").FullName;
        try
        {
            using var cli = new SkillCli();
            string source;
            string url;
            await using (var server = await ServerProcess.StartAsync(data))
            {
                url = server.BaseUrl.ToString();
                cli.Environment["SKILLRT_API_KEY"] = server.AdministratorKey;
                source = Source(server);
                await PublishAsync(cli, server, "greeter");
                var seen = await cli.RunAsync("verify", "greeter@0.1.0", "--source", source);
                Assert.True(seen.ExitCode == 0, seen.ToString());

                // Someone edits the remembered checkpoint's signature on this machine.
                var pins = Path.Combine(cli.ConfigHome, "transparency-log.json");
                var text = await File.ReadAllTextAsync(pins, Ct);
                var signatureStart = text.IndexOf("\\u2014 ", StringComparison.Ordinal) is var i and >= 0 ? i : text.IndexOf('\u2014', StringComparison.Ordinal);
                var at = text.IndexOf(' ', text.IndexOf(' ', signatureStart) + 1) + 5;
                var forged = text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..];
                await File.WriteAllTextAsync(pins, forged, Ct);
                var tampered = await cli.RunAsync("verify", "greeter@0.1.0", "--source", source);
                Assert.True(tampered.ExitCode == 8, tampered.ToString());
                Assert.Contains("FAIL consistency: the checkpoint remembered from an earlier verification does not verify with the pinned key", tampered.Output, StringComparison.Ordinal);
                await File.WriteAllTextAsync(pins, text, Ct);
            }

            // The server comes back with another log key (its key file replaced).
            File.Delete(Path.Combine(data, "transparency-log.key"));
            await using var rekeyed = await ServerProcess.StartAsync(data, SameAddress(url));
            var result = await cli.RunAsync("verify", "greeter@0.1.0", "--source", Source(rekeyed));
            Assert.True(result.ExitCode == 8, result.ToString());
            Assert.Contains("FAIL log-key: the log's key changed: pinned ", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_version_the_registry_does_not_have_is_not_found_and_a_bad_argument_is_a_usage_error()
    {
        await using var server = await ServerProcess.StartAsync();
        using var cli = NewCli(server);
        var missing = await cli.RunAsync("verify", "nothing@1.0.0", "--source", Source(server));
        Assert.True(missing.ExitCode == 3, missing.ToString());
        var usage = await cli.RunAsync("verify", "greeter", "--source", Source(server));
        Assert.True(usage.ExitCode == 2, usage.ToString());
        Assert.Contains("<id>@<version>", usage.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_version_verifies_with_the_owners_key_that_the_log_records()
    {
        await using var server = await ServerProcess.StartAsync();
        using var cli = NewCli(server);
        var keyId = await NewSigningKeyAsync(cli, server, "author");
        var package = await PackAsync(cli, "signed-greeter");
        Assert.Equal(0, (await cli.RunAsync("sign", package, "--key", Path.Combine(cli.WorkingDirectory, "keys", "author.key"))).ExitCode);
        var published = await cli.RunAsync("publish", package, "--source", Source(server));
        Assert.True(published.ExitCode == 0, published.ToString());

        var human = await cli.RunAsync("verify", "signed-greeter@1.0.0", "--source", Source(server));
        var json = await cli.RunAsync("verify", "signed-greeter@1.0.0", "--source", Source(server), "--json");

        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains($"ok   author-signature: signed by key {keyId} of '", human.Output, StringComparison.Ordinal);
        Assert.Contains("the author key the log records", human.Output, StringComparison.Ordinal);
        Assert.Contains("signed by its author's logged key", human.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        var author = document.RootElement.GetProperty("authorSignature");
        Assert.Equal(("verified", keyId, keyId), (author.GetProperty("state").GetString(), author.GetProperty("keyId").GetString(), author.GetProperty("loggedKeyId").GetString()));
        Assert.Equal("passed", document.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "author-signature").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_signature_replaced_or_removed_after_publishing_is_detected_by_the_logged_author_key()
    {
        await using var server = await ServerProcess.StartAsync();
        using var cli = NewCli(server);
        var keyId = await NewSigningKeyAsync(cli, server, "author");
        var package = await PackAsync(cli, "resigned");
        Assert.Equal(0, (await cli.RunAsync("sign", package, "--key", Path.Combine(cli.WorkingDirectory, "keys", "author.key"))).ExitCode);
        var published = await cli.RunAsync("publish", package, "--source", Source(server));
        Assert.True(published.ExitCode == 0, published.ToString());

        // The registry (or whoever holds its database) registers another key for the owner and swaps in a
        // signature by it: a valid signature by a registered key, which only the log can contradict.
        var otherKeyId = await NewSigningKeyAsync(cli, server, "other");
        Assert.Equal(0, (await cli.RunAsync("sign", package, "--key", Path.Combine(cli.WorkingDirectory, "keys", "other.key"))).ExitCode);
        Execute(server, "UPDATE registry_version_signatures SET Signature = $signature, KeyId = $key", ("$signature", await File.ReadAllTextAsync(package + ".minisig", Ct)), ("$key", otherKeyId));
        var replaced = await cli.RunAsync("verify", "resigned@1.0.0", "--source", Source(server), "--json");

        Execute(server, "DELETE FROM registry_version_signatures");
        var removed = await cli.RunAsync("verify", "resigned@1.0.0", "--source", Source(server));

        Assert.True(replaced.ExitCode == 8, replaced.ToString());
        using (var document = JsonDocument.Parse(replaced.Output))
        {
            Assert.True(document.RootElement.GetProperty("tamperDetected").GetBoolean());
            var author = document.RootElement.GetProperty("authorSignature");
            Assert.Equal(("failed", otherKeyId, keyId), (author.GetProperty("state").GetString(), author.GetProperty("keyId").GetString(), author.GetProperty("loggedKeyId").GetString()));
            var check = document.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "author-signature");
            Assert.Equal("failed", check.GetProperty("status").GetString());
            Assert.Contains($"but the log records author key {keyId}", check.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.True(removed.ExitCode == 8, removed.ToString());
        Assert.Contains($"FAIL author-signature: the log records that this version was published signed with author key {keyId}, but", removed.Output, StringComparison.Ordinal);
        Assert.Contains("the signature was removed after publishing", removed.Output, StringComparison.Ordinal);
        Assert.Contains("NOT VERIFIED: tampering detected (author-signature)", removed.Output, StringComparison.Ordinal);
    }

    private static SkillCli NewCli(ServerProcess server)
    {
        var cli = new SkillCli();
        cli.Environment["SKILLRT_API_KEY"] = server.AdministratorKey;
        return cli;
    }

    private static string Source(ServerProcess server) => server.BaseUrl + "v3/index.json";

    // A later --urls wins over ServerProcess's own port 0: the restarted server listens where the first did.
    private static System.Collections.Generic.Dictionary<string, string> SameAddress(string url) => new() { ["urls"] = url.TrimEnd('/') };

    /// <summary>Creates keys/{name}.key and .pub with <c>skillrt key new</c> and registers the public key for the administrator's account; returns its key ID.</summary>
    private static async Task<string> NewSigningKeyAsync(SkillCli cli, ServerProcess server, string name)
    {
        var created = await cli.RunAsync("key", "new", "--no-password", "--output", Path.Combine(cli.WorkingDirectory, "keys", name + ".key"), "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var json = JsonDocument.Parse(created.Output);
        using var client = server.CreateClient(server.AdministratorKey);
        var owner = (await client.GetFromJsonAsync<JsonElement>("api/v1/account", Ct)).GetProperty("name").GetString();
        var publicKey = await File.ReadAllTextAsync(json.RootElement.GetProperty("publicKeyFile").GetString()!, Ct);
        var response = await client.PostAsJsonAsync($"api/v2/owners/{owner}/signing-keys", new { publicKey }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("keyId").GetString()!;
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

    // Edits the running server's database (SQLite waits for the server's own writes).
    private static void Execute(ServerProcess server, string sql, params (string Name, string Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "skillrt.db")};Default Timeout=30;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static async Task PublishAsync(SkillCli cli, ServerProcess server, string name)
    {
        if (!Directory.Exists(Path.Combine(cli.WorkingDirectory, name)))
        {
            var created = await cli.RunAsync("new", name);
            Assert.True(created.ExitCode == 0, created.ToString());
        }

        var published = await cli.RunAsync("publish", name, "--source", Source(server));
        Assert.True(published.ExitCode == 0, published.ToString());
    }
}
