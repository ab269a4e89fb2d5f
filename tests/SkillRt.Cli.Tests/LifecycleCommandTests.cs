using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Install;
using SkillRt.Cli.Tests.Registry;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// The lifecycle commands end to end: skills published with <c>skillrt publish</c> to a real server,
/// deprecated, yanked, unlisted and deleted with the CLI, and installed from the server as a NuGet feed,
/// where <c>install</c> skips yanked versions for ranges and warns about yanked and deprecated ones; the
/// audit log read with <c>skillrt audit</c>.
/// </summary>
public sealed class LifecycleCommandTests : IClassFixture<RegistryServer>, IAsyncLifetime
{
    private readonly RegistryServer _server;
    private readonly SkillCli _cli = new();

    public LifecycleCommandTests(RegistryServer server) => _server = server;

    public async ValueTask InitializeAsync()
    {
        var login = await _cli.RunWithInputAsync(_server.AdministratorKey, "login", _server.Url, "--name", "local", "--key-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
        SkillLibraryFeed.WriteNuGetConfig(_cli.WorkingDirectory, $"""<add key="registry" value="{_server.ServiceIndexUrl}" />""");
    }

    public ValueTask DisposeAsync()
    {
        _cli.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Ranges_skip_a_yanked_version_an_exact_version_installs_it_with_a_warning_and_deprecation_warns()
    {
        await PublishAsync("lifecycle-greeter", "1.0.0");
        await PublishAsync("lifecycle-greeter", "1.1.0");

        var yanked = await _cli.RunAsync("yank", "lifecycle-greeter", "1.1.0");
        Assert.True(yanked.ExitCode == 0, yanked.ToString());
        Assert.Equal($"Yanked lifecycle-greeter 1.1.0: ranges skip it, an exact version still installs it on 'local' ({_server.ServiceIndexUrl}).\n", yanked.Output);

        var byRange = await _cli.RunAsync("install", "lifecycle-greeter@^1.0");
        Assert.True(byRange.ExitCode == 0, byRange.ToString());
        Assert.Equal($"Installed lifecycle-greeter 1.0.0 to {_cli.StoreEntry("lifecycle-greeter", "1.0.0")}\n", byRange.Output);
        Assert.DoesNotContain("warning", byRange.Error, StringComparison.Ordinal);

        var exact = await _cli.RunAsync("install", "lifecycle-greeter@1.1.0");
        Assert.True(exact.ExitCode == 0, exact.ToString());
        Assert.Equal($"Installed lifecycle-greeter 1.1.0 to {_cli.StoreEntry("lifecycle-greeter", "1.1.0")}\n", exact.Output);
        Assert.Contains("skillrt: warning: lifecycle-greeter 1.1.0 (skill lifecycle-greeter 1.1.0, from 'registry'", exact.Error, StringComparison.Ordinal);
        Assert.Contains("is yanked: its owners withdrew it, and ranges skip it; it was installed because exactly this version was asked for.", exact.Error, StringComparison.Ordinal);

        var deprecated = await _cli.RunAsync("deprecate", "lifecycle-greeter", "1.0.0", "--reason", "legacy", "--message", "Moved to lifecycle-welcome.", "--alternative", "lifecycle-welcome@2.0.0", "--json");
        Assert.True(deprecated.ExitCode == 0, deprecated.ToString());
        using (var json = JsonDocument.Parse(deprecated.Output))
        {
            Assert.Equal("deprecated", json.RootElement.GetProperty("action").GetString());
        }

        var warned = await _cli.RunAsync("install", "lifecycle-greeter@1.0.0", "--force", "--json");
        Assert.True(warned.ExitCode == 0, warned.ToString());
        Assert.Contains(
            "skillrt: warning: lifecycle-greeter 1.0.0 (skill lifecycle-greeter 1.0.0, from 'registry'",
            warned.Error,
            StringComparison.Ordinal);
        Assert.Contains("is deprecated (legacy, no longer maintained): Moved to lifecycle-welcome.; use lifecycle-welcome [2.0.0, ) instead.", warned.Error, StringComparison.Ordinal);

        // Restored, 1.1.0 is what a range gets again.
        Assert.Equal(0, (await _cli.RunAsync("unyank", "lifecycle-greeter", "1.1.0")).ExitCode);
        var outdated = await _cli.RunAsync("outdated", "--json");
        Assert.True(outdated.ExitCode == 0, outdated.ToString());
        Assert.Contains("\"latest\": \"1.1.0\"", outdated.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_yanked_latest_is_not_offered_by_outdated()
    {
        await PublishAsync("lifecycle-latest", "1.0.0");
        Assert.Equal(0, (await _cli.RunAsync("install", "lifecycle-latest@^1.0")).ExitCode);
        await PublishAsync("lifecycle-latest", "1.2.0");
        Assert.Equal(0, (await _cli.RunAsync("yank", "lifecycle-latest", "1.2.0")).ExitCode);

        var outdated = await _cli.RunAsync("outdated", "--json");

        Assert.True(outdated.ExitCode == 0, outdated.ToString());
        Assert.Contains("\"wanted\": \"1.0.0\"", outdated.Output, StringComparison.Ordinal);
        Assert.Contains("\"latest\": \"1.0.0\"", outdated.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("1.2.0", outdated.Output, StringComparison.Ordinal);
        var update = await _cli.RunAsync("update", "lifecycle-latest");
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.False(Directory.Exists(_cli.StoreEntry("lifecycle-latest", "1.2.0")));
    }

    [Fact]
    public async Task Unlist_relist_and_delete_change_the_registry_and_the_audit_log_shows_them_to_administrators_only()
    {
        await PublishAsync("lifecycle-gone", "1.0.0");

        var unlisted = await _cli.RunAsync("unlist", "lifecycle-gone", "1.0.0");
        Assert.True(unlisted.ExitCode == 0, unlisted.ToString());
        Assert.StartsWith("Unlisted lifecycle-gone 1.0.0 on 'local'", unlisted.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await _cli.RunAsync("relist", "lifecycle-gone", "1.0.0")).ExitCode);

        var unconfirmed = await _cli.RunAsync("delete", "lifecycle-gone", "1.0.0");
        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Equal("skillrt: deleting lifecycle-gone 1.0.0 cannot be undone; pass --yes to confirm (there is no terminal to ask on). To hide a version instead, use 'skillrt unlist', 'skillrt deprecate' or 'skillrt yank'.\n", unconfirmed.Error);

        var deleted = await _cli.RunAsync("delete", "lifecycle-gone", "1.0.0", "--yes");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.StartsWith("Deleted lifecycle-gone 1.0.0 for good; its number can never be published again on 'local'", deleted.Output, StringComparison.Ordinal);
        var again = await _cli.RunAsync("delete", "lifecycle-gone", "1.0.0", "--yes");
        Assert.Equal(3, again.ExitCode);
        Assert.StartsWith("skillrt: Unknown version: ", again.Error, StringComparison.Ordinal);

        var audit = await _cli.RunAsync("audit", "--package", "lifecycle-gone", "--json");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        using (var json = JsonDocument.Parse(audit.Output))
        {
            Assert.Equal(
                ["package.delete", "package.relist", "package.unlist", "package.publish"],
                json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        }

        var paged = await _cli.RunAsync("audit", "--package", "lifecycle-gone", "--take", "3");
        Assert.True(paged.ExitCode == 0, paged.ToString());
        var lines = paged.Output.TrimEnd('\n').Split('\n');
        Assert.StartsWith("TIME", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^More entries: skillrt audit --package lifecycle-gone --take 3 --cursor \d+$", lines[^1]);

        using var stranger = new SkillCli();
        var login = await stranger.RunWithInputAsync(await CreateAccountAsync("lifecycle-stranger"), "login", _server.Url, "--name", "local", "--key-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
        var refused = await stranger.RunAsync("audit");
        Assert.Equal(7, refused.ExitCode);
        Assert.Contains("the audit log is for the registry's administrators", refused.Error, StringComparison.Ordinal);
    }

    private async Task PublishAsync(string name, string version)
    {
        _cli.WriteFile($"{name}-{version}/SKILL.md", $"---\nname: {name}\ndescription: A lifecycle test skill.\nversion: {version}\n---\nGreet the user.\n");
        var published = await _cli.RunAsync("publish", $"{name}-{version}", "--source", "local");
        Assert.True(published.ExitCode == 0, published.ToString());
    }

    private async Task<string> CreateAccountAsync(string name)
    {
        using var client = _server.Process.CreateClient(_server.AdministratorKey);
        using var response = await client.PostAsJsonAsync("api/v1/accounts", new { name }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("secret").GetString()!;
    }
}
