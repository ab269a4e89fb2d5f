using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3.Model;
using SkillRt.Registry.Tests;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>
/// Two replicas on one PostgreSQL database and one bucket must behave as one server: no state of their
/// own, and every race between them decided by the database (unique indexes, atomic updates), never by
/// a check-then-write in one process.
/// </summary>
public sealed class ReplicaTests(ReplicaFixture fixture) : IClassFixture<ReplicaFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replicas_started_together_migrate_once_and_create_one_administrator()
    {
        foreach (var table in new[] { "__identity_migrations", "__registry_migrations" })
        {
            var ids = await fixture.Database.QueryAsync<string>($"SELECT \"MigrationId\" FROM \"{table}\"", Ct);
            Assert.NotEmpty(ids);
            Assert.Equal(ids.Distinct(StringComparer.Ordinal).Count(), ids.Count);
        }

        Assert.All(fixture.Replicas, replica =>
        {
            Assert.Contains("Database of module identity is up to date (PostgreSql)", replica.Output, StringComparison.Ordinal);
            Assert.Contains("Database of module registry is up to date (PostgreSql)", replica.Output, StringComparison.Ordinal);
        });
        Assert.Single(fixture.Replicas, replica => replica.AdministratorKey is not null);
        Assert.Equal(["admin"], await fixture.Database.QueryAsync<string>("SELECT \"Name\" FROM identity_accounts WHERE \"IsAdministrator\"", Ct));

        foreach (var replica in fixture.Replicas)
        {
            using var client = replica.CreateClient(fixture.AdministratorKey);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/account", Ct)).StatusCode);
            var ready = await client.GetAsync("health/ready", Ct);
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{(int)ready.StatusCode} from /health/ready:\n{replica.Output}");
        }
    }

    [Fact]
    public async Task The_same_account_created_on_both_replicas_at_once_is_created_exactly_once()
    {
        using var first = fixture.First.CreateClient(fixture.AdministratorKey);
        using var second = fixture.Second.CreateClient(fixture.AdministratorKey);

        // Several names at once, so some pairs meet inside the database rather than at the name check.
        var names = Enumerable.Range(0, 8).Select(i => $"racer{i}-{Guid.NewGuid().ToString("N")[..6]}").ToArray();
        var pairs = await Task.WhenAll(names.Select(async name =>
        {
            var responses = await Task.WhenAll(
                first.PostAsJsonAsync("api/v1/accounts", new { name }, Ct),
                second.PostAsJsonAsync("api/v1/accounts", new { name = name.ToUpperInvariant() }, Ct));
            return (name, responses);
        }));

        foreach (var (name, responses) in pairs)
        {
            var statuses = responses.Select(r => r.StatusCode).Order().ToArray();
            Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Conflict]), $"{name}: {string.Join(", ", statuses)}");
            var secret = (await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString();
            var conflict = await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync(Ct);
            Assert.Contains("is taken", conflict, StringComparison.Ordinal);

            // The account works on both replicas, whichever created it.
            foreach (var replica in fixture.Replicas)
            {
                using var client = replica.CreateClient(secret);
                var account = await client.GetFromJsonAsync<JsonElement>("api/v1/account", Ct);
                Assert.Equal(name, account.GetProperty("name").GetString(), ignoreCase: true);
            }
        }

        var stored = await fixture.Database.QueryAsync<string>("SELECT \"NormalizedName\" FROM identity_accounts WHERE \"NormalizedName\" LIKE 'racer%'", Ct);
        Assert.Equal(names.Length, stored.Count);
    }

    [Fact]
    public async Task A_key_made_on_one_replica_works_on_the_other_until_it_is_revoked_on_either()
    {
        using var admin = fixture.First.CreateClient(fixture.AdministratorKey);
        var created = await admin.PostAsJsonAsync("api/v1/keys", new { name = "replica key", scopes = new[] { "keys:manage" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secret = body.GetProperty("secret").GetString();

        using var onSecond = fixture.Second.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("api/v1/account", Ct)).StatusCode);

        using var adminOnSecond = fixture.Second.CreateClient(fixture.AdministratorKey);
        Assert.Equal(HttpStatusCode.NoContent, (await adminOnSecond.DeleteAsync($"api/v1/keys/{body.GetProperty("key").GetProperty("id").GetString()}", Ct)).StatusCode);

        // No replica keeps a key it has seen: the revocation holds on the one that did not make it.
        using var onFirst = fixture.First.CreateClient(secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onFirst.GetAsync("api/v1/account", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onSecond.GetAsync("api/v1/account", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_same_version_published_on_both_replicas_at_once_is_stored_once_with_its_blob()
    {
        var id = "Replica.Race" + Guid.NewGuid().ToString("N")[..6];
        var package = new SkillPackageBuilder(id, "1.0.0").AddStructuredSkill("replica-race", "Checks that two replicas publish one version.").Build();

        var responses = await Task.WhenAll(fixture.Replicas.Select(replica => PushAsync(replica, package)));

        var statuses = responses.Select(r => r.StatusCode).Order().ToArray();
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(Ct)));
        Assert.True(statuses.SequenceEqual([HttpStatusCode.Created, HttpStatusCode.Conflict]), $"{string.Join(", ", statuses)}:\n{string.Join("\n", bodies)}");

        // One version, whose blob is the package, byte for byte: the loser did not delete the blob the winner refers to.
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(package));
        var versions = await fixture.Database.QueryAsync<string>(
            $"SELECT v.\"PackageSha256\" FROM registry_versions v JOIN registry_packages p ON p.\"Id\" = v.\"RegistrationId\" WHERE p.\"NormalizedId\" = '{id.ToLowerInvariant()}'", Ct);
        Assert.Equal([sha256], versions);
        Assert.Equal(package, await ReadObjectAsync(sha256));

        // And no blob that no version refers to.
        var referenced = await fixture.Database.QueryAsync<string>("SELECT \"PackageSha256\" FROM registry_versions", Ct);
        Assert.All(await BlobKeysAsync(), key => Assert.Contains(key, referenced));
    }

    [Fact]
    public async Task Downloads_on_both_replicas_at_once_are_all_counted()
    {
        var id = "Replica.Downloads" + Guid.NewGuid().ToString("N")[..6];
        var package = new SkillPackageBuilder(id, "1.0.0").AddStructuredSkill("replica-downloads", "Counts downloads on two replicas.").Build();
        var pushed = await PushAsync(fixture.First, package);
        Assert.True(pushed.StatusCode == HttpStatusCode.Created, await pushed.Content.ReadAsStringAsync(Ct));

        var lower = id.ToLowerInvariant();
        var path = $"v3/flatcontainer/{lower}/1.0.0/{lower}.1.0.0.nupkg";
        const int perReplica = 20;
        var downloads = await Task.WhenAll(fixture.Replicas.SelectMany(replica => Enumerable.Range(0, perReplica).Select(async _ =>
        {
            using var client = replica.CreateClient();
            using var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsByteArrayAsync(Ct);
        })));

        Assert.All(downloads, bytes => Assert.Equal(package, bytes));

        // Each replica writes its counts in batches, a second apart: wait (a minute at most) for both.
        IReadOnlyList<long> counted = [];
        for (var deadline = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < deadline; await Task.Delay(100, Ct))
        {
            counted = await fixture.Database.QueryAsync<long>(
                $"SELECT v.\"Downloads\" FROM registry_versions v JOIN registry_packages p ON p.\"Id\" = v.\"RegistrationId\" WHERE p.\"NormalizedId\" = '{lower}'", Ct);
            if (counted.Count == 1 && counted[0] >= 2L * perReplica)
            {
                break;
            }
        }

        Assert.Equal([2L * perReplica], counted);
    }

    /// <summary>PUTs a package as <c>dotnet nuget push</c> does: multipart, the key in <c>X-NuGet-ApiKey</c>.</summary>
    private async Task<HttpResponseMessage> PushAsync(ServerProcess replica, byte[] package)
    {
        using var client = replica.CreateClient();
        var file = new ByteArrayContent(package);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/v2/package") { Content = new MultipartFormDataContent { { file, "package", "package.nupkg" } } };
        request.Headers.Add("X-NuGet-ApiKey", fixture.AdministratorKey);
        return await client.SendAsync(request, Ct);
    }

    private async Task<byte[]?> ReadObjectAsync(string sha256)
    {
        using var s3 = fixture.Bucket.CreateClient();
        using var response = await s3.GetObjectAsync(fixture.Bucket.Bucket, "blobs/" + sha256, Ct);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, Ct);
        return buffer.ToArray();
    }

    private async Task<string[]> BlobKeysAsync()
    {
        using var s3 = fixture.Bucket.CreateClient();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = fixture.Bucket.Bucket, Prefix = "blobs/" }, Ct);
        return (listed.S3Objects ?? []).Select(o => o.Key["blobs/".Length..]).ToArray();
    }
}
