using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Registry.Tests.Moderation;

/// <summary>The moderation API as the tests call it: findings, appeals, reports and the admin queue's actions.</summary>
internal static class ModerationHarness
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<HttpResponseMessage> FindingsAsync(ServerProcess server, string key, string id, string version)
    {
        using var client = server.CreateClient(key);
        return await client.GetAsync($"api/v2/package/{id}/{version}/findings", Ct);
    }

    public static async Task<JsonElement> FindingsBodyAsync(ServerProcess server, string key, string id, string version)
    {
        using var response = await FindingsAsync(server, key, id, version);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public static async Task<HttpResponseMessage> AppealAsync(ServerProcess server, string key, string id, string version, string text)
    {
        using var client = server.CreateClient(key);
        return await client.PostAsJsonAsync($"api/v2/package/{id}/{version}/appeal", new { text }, Ct);
    }

    public static async Task<HttpResponseMessage> ReportAsync(ServerProcess server, string? key, string id, string? version, string category, string text)
    {
        using var client = server.CreateClient(key);
        return await client.PostAsJsonAsync("api/v2/reports", new { id, version, category, text }, Ct);
    }

    public static async Task<JsonElement> QueueAsync(ServerProcess server, string key)
    {
        using var client = server.CreateClient(key);
        using var response = await client.GetAsync("api/v2/admin/queue", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>POSTs an admin action (<c>package/{id}/{version}/release</c>, <c>accounts/{name}/suspend</c>…) with an optional reason.</summary>
    public static async Task<HttpResponseMessage> AdminAsync(ServerProcess server, string key, string action, string? reason = null)
    {
        using var client = server.CreateClient(key);
        return reason is null
            ? await client.PostAsync($"api/v2/admin/{action}", content: null, Ct)
            : await client.PostAsJsonAsync($"api/v2/admin/{action}", new { reason }, Ct);
    }
}
