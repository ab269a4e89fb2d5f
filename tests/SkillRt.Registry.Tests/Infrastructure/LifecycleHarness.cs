using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>The lifecycle API as its clients call it, and the registration documents that show its effects.</summary>
internal static class LifecycleHarness
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Publishes a one-skill package with the given dependencies, checking it was accepted.</summary>
    public static async Task PublishAsync(ServerProcess server, string key, string id, string version, params (string Id, string Range)[] dependencies)
    {
        var builder = new SkillPackageBuilder(id, version).AddStructuredSkill(id.ToLowerInvariant().Replace('.', '-'), "A lifecycle test skill.");
        builder.Dependencies.AddRange(dependencies);
        using var response = await PublishHarness.PushAsync(server, builder.Build(), key);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    public static async Task<HttpResponseMessage> SendAsync(ServerProcess server, HttpMethod method, string path, string? key, object? body = null)
    {
        using var client = server.CreateClient(key);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> DeprecateAsync(ServerProcess server, string key, string id, string version, object body) =>
        SendAsync(server, HttpMethod.Put, $"api/v2/package/{id}/{version}/deprecation", key, body);

    public static Task<HttpResponseMessage> YankAsync(ServerProcess server, string key, string id, string version, bool yanked = true) =>
        SendAsync(server, yanked ? HttpMethod.Put : HttpMethod.Delete, $"api/v2/package/{id}/{version}/yank", key);

    public static Task<HttpResponseMessage> DeleteAsync(ServerProcess server, string key, string id, string version) =>
        SendAsync(server, HttpMethod.Post, $"api/v2/package/{id}/{version}/delete", key);

    public static async Task NoContentAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>The catalog entry of one version in the package's registration index.</summary>
    public static async Task<JsonElement> CatalogEntryAsync(ServerProcess server, string id, string version)
    {
        using var client = server.CreateClient();
        var index = await client.GetFromJsonAsync<JsonElement>($"v3/registration/{id.ToLowerInvariant()}/index.json", Ct);
        foreach (var page in index.GetProperty("items").EnumerateArray())
        {
            foreach (var leaf in page.GetProperty("items").EnumerateArray())
            {
                var entry = leaf.GetProperty("catalogEntry");
                if (entry.GetProperty("version").GetString() == version)
                {
                    return entry;
                }
            }
        }

        throw new InvalidOperationException($"{id} {version} is not in its registration index.");
    }

    /// <summary>Moves a version's publish time back, as time would: straight in the server's database.</summary>
    public static void Age(ServerProcess server, string id, string version, TimeSpan by)
    {
        using var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(server.DataDirectory, "skillrt.db")};Default Timeout=30;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE registry_versions SET PublishedAt = $at
            WHERE NormalizedVersion = lower($version) AND RegistrationId = (SELECT Id FROM registry_packages WHERE NormalizedId = lower($id))
            """;
        command.Parameters.AddWithValue("$at", DateTime.UtcNow - by);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$version", version);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
