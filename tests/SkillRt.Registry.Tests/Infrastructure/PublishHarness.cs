using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>
/// What the publish tests do to a real server: push a package the way <c>dotnet nuget push</c> does
/// (multipart, the key in <c>X-NuGet-ApiKey</c>), make accounts and keys through the identity API, and
/// look at what was stored, in the server's SQLite database and blob folder, to prove nothing was stored half-way.
/// </summary>
internal static class PublishHarness
{
    public const string PublishPath = "api/v2/package";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>PUTs <paramref name="package"/> as NuGet's client does: a multipart body whose first file is the package.</summary>
    public static async Task<HttpResponseMessage> PushAsync(ServerProcess server, byte[] package, string? key)
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, PublishPath) { Content = PackageContent(package) };
        if (key is not null)
        {
            request.Headers.Add("X-NuGet-ApiKey", key);
        }

        return await client.SendAsync(request, Ct);
    }

    public static MultipartFormDataContent PackageContent(byte[] package)
    {
        var file = new ByteArrayContent(package);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "package", "package.nupkg" } };
    }

    /// <summary>Sends an unlist (DELETE) or relist (POST) of a version.</summary>
    public static async Task<HttpResponseMessage> SetListedAsync(ServerProcess server, string id, string version, bool listed, string key)
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(listed ? HttpMethod.Post : HttpMethod.Delete, $"{PublishPath}/{id}/{version}");
        request.Headers.Add("X-NuGet-ApiKey", key);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>Creates a key for the account of <paramref name="ownerKey"/>; returns its secret.</summary>
    public static async Task<string> CreateKeyAsync(ServerProcess server, string ownerKey, IReadOnlyList<string>? scopes = null, IReadOnlyList<string>? packages = null)
    {
        using var client = server.CreateClient(ownerKey);
        var response = await client.PostAsJsonAsync("api/v1/keys", new { name = "publish tests " + Guid.NewGuid().ToString("N")[..8], scopes, packages }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.GetProperty("secret").GetString()!;
    }

    /// <summary>Creates a (non-administrator) account with the administrator's key; returns its first key.</summary>
    public static async Task<string> CreateAccountAsync(ServerProcess server, string administratorKey, string name)
    {
        using var client = server.CreateClient(administratorKey);
        var response = await client.PostAsJsonAsync("api/v1/accounts", new { name }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.GetProperty("secret").GetString()!;
    }

    /// <summary>The problem document of a refused request, checking it is one (RFC 9457) with the expected status.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    /// <summary>Every blob file in the server's blob folder (not the temporary ones).</summary>
    public static IReadOnlyList<string> Blobs(ServerProcess server)
    {
        var root = Path.Combine(server.DataDirectory, "blobs");
        return Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Where(folder => Path.GetFileName(folder) != ".incoming")
                .SelectMany(Directory.EnumerateFiles)
                .Select(file => Path.GetFileName(file))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
    }

    /// <summary>Upload files still in the registry's upload folder (each is deleted when its request ends).</summary>
    public static IReadOnlyList<string> Uploads(ServerProcess server)
    {
        var folder = Path.Combine(server.DataDirectory, "registry", "uploads");
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }

    /// <summary>The stored versions of a package ID (any case), with their blob keys.</summary>
    public static IReadOnlyList<(string PackageId, string Version, string Sha256, bool Listed)> Versions(ServerProcess server, string id)
    {
        using var connection = Open(server);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.PackageId, v.Version, v.PackageSha256, v.IsListed
            FROM registry_versions v JOIN registry_packages p ON p.Id = v.RegistrationId
            WHERE p.NormalizedId = lower($id)
            ORDER BY v.Version
            """;
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var versions = new List<(string, string, string, bool)>();
        while (reader.Read())
        {
            versions.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }

        return versions;
    }

    /// <summary>A column of one stored version.</summary>
    public static string Column(ServerProcess server, string id, string version, string column)
    {
        using var connection = Open(server);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT v.{column} FROM registry_versions v JOIN registry_packages p ON p.Id = v.RegistrationId
            WHERE p.NormalizedId = lower($id) AND v.NormalizedVersion = lower($version)
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$version", version);
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Makes a key expire, as time would: its expiry set in the past, straight in the database.</summary>
    public static void Expire(ServerProcess server, string keySecret)
    {
        using var connection = Open(server);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE identity_api_keys SET ExpiresAt = '2020-01-01 00:00:00' WHERE SecretHash = $hash";
        command.Parameters.AddWithValue("$hash", System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(keySecret)));
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    /// <summary>A zip with the given raw entries and nothing else (no nuspec), for archive-level bad input.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    private static SqliteConnection Open(ServerProcess server)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "skillrt.db")};Default Timeout=30;Pooling=False");
        connection.Open();
        return connection;
    }
}
