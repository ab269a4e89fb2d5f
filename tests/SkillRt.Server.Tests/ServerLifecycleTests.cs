using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>Starting, stopping and restarting the real server program, and refusing bad settings at start-up.</summary>
public sealed class ServerLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_keeps_accounts_and_keys_and_prints_no_second_administrator_key()
    {
        var data = Directory.CreateTempSubdirectory("skillrt-restart-").FullName;
        try
        {
            string key;
            await using (var first = await ServerProcess.StartAsync(data))
            {
                key = first.AdministratorKey!;
                Assert.NotNull(key);
                Assert.StartsWith("http://127.0.0.1:", first.BaseUrl.ToString(), StringComparison.Ordinal);
                await first.StopAsync();
                Assert.Equal(0, first.ExitCode);
            }

            await using var second = await ServerProcess.StartAsync(data);
            Assert.Null(second.AdministratorKey);
            using var client = second.CreateClient(key);
            var account = await client.GetFromJsonAsync<JsonElement>("api/v1/account", Ct);
            Assert.Equal("admin", account.GetProperty("name").GetString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("SkillRt:Database:Provider", "PostgreSql", "SkillRt:Database:ConnectionString is required")]
    [InlineData("SkillRt:Blobs:Provider", "S3", "SkillRt:Blobs:S3:Bucket is required")]
    [InlineData("SkillRt:PublicUrl", "ftp://example.com/", "SkillRt:PublicUrl 'ftp://example.com/' is not an absolute http or https URL")]
    public async Task A_bad_setting_stops_the_start_and_names_the_setting(string key, string value, string expected)
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerProcess.StartAsync(settings: new Dictionary<string, string> { [key] = value }));
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_stops_the_server_gracefully()
    {
        await using var server = await ServerProcess.StartAsync();
        using (var client = server.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready", Ct)).StatusCode);
        }

        await server.StopAsync();
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("Application is shutting down", server.Output, StringComparison.Ordinal);
    }
}
