using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>What the namespace and ownership tests send: accounts, organisations, packages and the API's requests.</summary>
internal static class OwnershipApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new account with a unique name starting with <paramref name="name"/>; returns (its name, its key).</summary>
    public static async Task<(string Name, string Key)> AccountAsync(ServerProcess server, string administratorKey, string name)
    {
        var unique = name + Guid.NewGuid().ToString("N")[..6];
        return (unique, await CreateAccountAsync(server, administratorKey, unique));
    }

    /// <summary>A new organisation created by <paramref name="creatorKey"/>'s account, with <paramref name="members"/> added.</summary>
    public static async Task<string> OrganizationAsync(ServerProcess server, string creatorKey, string name, params string[] members)
    {
        var unique = name + Guid.NewGuid().ToString("N")[..6];
        using var client = server.CreateClient(creatorKey);
        var created = await client.PostAsJsonAsync("api/v1/organizations", new { name = unique }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        foreach (var member in members)
        {
            var added = await client.PutAsync($"api/v1/organizations/{unique}/members/{member}", null, Ct);
            Assert.True(added.StatusCode == HttpStatusCode.NoContent, await added.Content.ReadAsStringAsync(Ct));
        }

        return unique;
    }

    /// <summary>Publishes a one-skill package; returns the response.</summary>
    public static Task<HttpResponseMessage> PublishAsync(ServerProcess server, string key, string id, string version = "1.0.0") =>
        PushAsync(server, new SkillPackageBuilder(id, version).AddStructuredSkill("owned", "A skill for the ownership tests.").Build(), key);

    public static async Task<HttpResponseMessage> PostAsync(ServerProcess server, string key, string path, object? body = null)
    {
        using var client = server.CreateClient(key);
        return body is null ? await client.PostAsync(path, null, Ct) : await client.PostAsJsonAsync(path, body, Ct);
    }

    public static async Task<HttpResponseMessage> GetAsync(ServerProcess server, string key, string path)
    {
        using var client = server.CreateClient(key);
        return await client.GetAsync(path, Ct);
    }

    public static async Task<HttpResponseMessage> DeleteAsync(ServerProcess server, string key, string path)
    {
        using var client = server.CreateClient(key);
        return await client.DeleteAsync(path, Ct);
    }

    /// <summary>The JSON body of a response with the expected status.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }
}
