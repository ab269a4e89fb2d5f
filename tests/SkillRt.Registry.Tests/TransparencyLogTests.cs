using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Signing.Transparency;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The registry's transparency log on a real server: every accepted version is a leaf (and only
/// accepted ones), concurrent publishes get contiguous leaves, the checkpoint and every proof the API
/// serves verify with the library, and the signing key is generated privately or taken from configuration.
/// </summary>
public sealed class TransparencyLogTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private const string Log = "api/v2/transparency-log/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Concurrent_publishes_get_contiguous_leaves_and_every_proof_verifies()
    {
        using var http = Server.CreateClient();
        var client = new TransparencyLogClient(http, new Uri(Server.BaseUrl, Log));
        var (key, keyProblem) = await client.GetKeyAsync(Ct);
        Assert.True(key is not null, keyProblem);
        var before = await CheckpointAsync(client, key);

        var packages = Enumerable.Range(0, 12)
            .Select(i => new SkillPackageBuilder($"Contoso.Logged{i}", "1.0.0").AddStructuredSkill($"logged-{i}", $"Logged skill {i}.").Build())
            .ToList();
        var statuses = await Task.WhenAll(packages.Select(async package => (await PushAsync(Server, package, fixture.AdministratorKey)).StatusCode));
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));

        // A refused publish (the same version again) appends nothing.
        Assert.Equal(HttpStatusCode.Conflict, (await PushAsync(Server, packages[0], fixture.AdministratorKey)).StatusCode);

        var after = await CheckpointAsync(client, key);
        Assert.Equal(before.Size + 12, after.Size);

        // The entries are leaves before.Size … after.Size - 1, one per package, each with the package's SHA-512.
        var page = await http.GetFromJsonAsync<JsonElement>(Log + $"entries?start={before.Size}&end={after.Size}", Ct);
        var entries = page.GetProperty("entries").EnumerateArray().Select(e => (Index: e.GetProperty("index").GetInt64(), Text: e.GetProperty("entry").GetString()!)).ToList();
        Assert.Equal(Enumerable.Range((int)before.Size, 12).Select(i => (long)i), entries.Select(e => e.Index));
        var bySha = packages.ToDictionary(p => Convert.ToBase64String(SHA512.HashData(p)), p => p);
        foreach (var (index, text) in entries)
        {
            var entry = LogEntry.Parse(text, out var problem);
            Assert.True(entry is not null, problem);
            Assert.Contains(Convert.ToBase64String(entry.PackageSha512.Span), bySha.Keys);
            Assert.Null(entry.AuthorKeyId);
            var found = await client.GetPackageEntryAsync(entry.PackageId, "1.0.0", Ct);
            Assert.Equal((true, index, text), (found.Found, found.Index, found.Entry));

            var (proof, proofProblem) = await client.GetInclusionProofAsync(index, after.Size, Ct);
            Assert.True(proof is not null, proofProblem);
            var check = MerkleProof.VerifyInclusion(MerkleHash.Leaf(Encoding.UTF8.GetBytes(text)), index, after.Size, proof, after.RootHash.Span);
            Assert.True(check.IsValid, check.Problem);
        }

        // The root is the tree of every entry the log serves, rebuilt here from the entry texts.
        var all = await http.GetFromJsonAsync<JsonElement>(Log + $"entries?start=0&end={after.Size}", Ct);
        var tree = new MerkleTree();
        foreach (var e in all.GetProperty("entries").EnumerateArray())
        {
            tree.AppendData(Encoding.UTF8.GetBytes(e.GetProperty("entry").GetString()!));
        }

        Assert.Equal(after.RootHash.ToArray(), tree.Root(after.Size));

        // Every earlier size is a prefix of today's tree.
        for (var oldSize = 1L; oldSize <= after.Size; oldSize++)
        {
            var (proof, problem) = await client.GetConsistencyProofAsync(oldSize, after.Size, Ct);
            Assert.True(proof is not null, problem);
            var check = MerkleProof.VerifyConsistency(oldSize, tree.Root(oldSize), after.Size, after.RootHash.Span, proof);
            Assert.True(check.IsValid, $"{oldSize} → {after.Size}: {check.Problem}");
        }

        var verification = await PackageLogVerifier.VerifyAsync(client, "Contoso.Logged3", "1.0.0", SHA512.HashData(packages[3]), key, before.Note, Ct);
        Assert.True(verification.Succeeded, string.Join("\n", verification.Checks));
    }

    [Fact]
    public async Task The_generated_key_is_private_to_the_server_and_is_the_one_served()
    {
        var file = Path.Combine(Server.DataDirectory, "transparency-log.key");
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        using var signer = NoteSigner.Parse(await File.ReadAllTextAsync(file, Ct), out var problem);
        Assert.True(signer is not null, problem);

        using var http = Server.CreateClient();
        var key = await http.GetFromJsonAsync<JsonElement>(Log + "key", Ct);
        Assert.Equal(signer.Verifier.Text, key.GetProperty("verifierKey").GetString());
        Assert.Equal("Ed25519", key.GetProperty("algorithm").GetString());
        Assert.Equal(Convert.ToBase64String(signer.Verifier.PublicKey.Span), key.GetProperty("publicKey").GetString());
        Assert.Equal(signer.Name, key.GetProperty("origin").GetString());
    }

    [Fact]
    public async Task Out_of_range_or_malformed_parameters_are_problems_naming_the_parameter()
    {
        using var http = Server.CreateClient();
        foreach (var query in new[] { "proofs/inclusion?index=abc&size=1", "proofs/inclusion?index=0&size=999999999", "proofs/consistency?from=5&to=2", "entries?start=-1", "proofs/consistency?from=1&to=99999999999999999999" })
        {
            using var response = await http.GetAsync(Log + query, Ct);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, query);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()), query);
        }

        using var missing = await http.GetAsync(Log + "packages/No.Such.Package/1.0.0", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Not in the transparency log", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_key_signs_and_a_bad_one_stops_the_start_naming_the_setting()
    {
        using var signer = NoteSigner.Generate("skills.example.com/transparency-log");
        await using (var configured = await ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["SkillRt:Registry:TransparencyLog:SigningKey"] = signer.PrivateKeyText }))
        {
            using var http = configured.CreateClient();
            var note = await http.GetStringAsync(Log + "checkpoint", Ct);
            var checkpoint = Checkpoint.Open(note, signer.Verifier, "skills.example.com/transparency-log", out var check);
            Assert.True(checkpoint is not null, check.Problem);
            Assert.Equal(0, checkpoint.Size);
            Assert.Equal(MerkleHash.EmptyRoot(), checkpoint.RootHash.ToArray());
            Assert.False(File.Exists(Path.Combine(configured.DataDirectory, "transparency-log.key")));
        }

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(settings: new Dictionary<string, string> { ["SkillRt:Registry:TransparencyLog:SigningKey"] = "PRIVATE+KEY+broken" }));
        Assert.Contains("SkillRt:Registry:TransparencyLog:SigningKey", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<(long Size, ReadOnlyMemory<byte> RootHash, string Note)> CheckpointAsync(TransparencyLogClient client, NoteVerifier key)
    {
        var (note, problem) = await client.GetCheckpointAsync(Ct);
        Assert.True(note is not null, problem);
        var checkpoint = Checkpoint.Open(note, key, key.Name, out var check);
        Assert.True(checkpoint is not null, check.Problem);
        return (checkpoint.Size, checkpoint.RootHash, note);
    }
}
