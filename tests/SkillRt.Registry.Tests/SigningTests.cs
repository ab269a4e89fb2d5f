using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Signing.Minisign;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// Author signatures on a real server: owners register minisign keys, a publish's signature is verified
/// against them (unknown, revoked and mismatching signatures refused with 400), a policy can require
/// one, and the signature is served beside the package.
/// </summary>
public sealed class SigningTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_signed_publish_is_stored_and_its_signature_served_beside_the_package()
    {
        var (account, key) = await NewAccountAsync("signer");
        using var secret = MinisignSecretKey.Generate();
        await RegisterAsync(account, key, secret.PublicKey.ToFileText(), name: "laptop");
        var package = Package("Signer.Skills", "1.0.0");
        var signature = secret.Sign(package, "Signer.Skills@1.0.0").ToFileText();

        var response = await PushSignedAsync(package, signature, key);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        using var client = Server.CreateClient();
        var served = await client.GetAsync("v3/flatcontainer/signer.skills/1.0.0/signer.skills.1.0.0.nupkg.minisig", Ct);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var servedText = await served.Content.ReadAsStringAsync(Ct);
        Assert.Equal(signature, servedText);
        var nupkg = await client.GetByteArrayAsync("v3/flatcontainer/signer.skills/1.0.0/signer.skills.1.0.0.nupkg", Ct);
        Assert.True(MinisignSignature.TryParse(servedText, "served", out var parsed, out _));
        Assert.True(secret.PublicKey.Verify(parsed, nupkg).IsValid);

        var view = await client.GetFromJsonAsync<JsonElement>("api/v2/packages/Signer.Skills/1.0.0/signature", Ct);
        Assert.True(view.GetProperty("signed").GetBoolean());
        Assert.Equal(secret.KeyId.ToString(), view.GetProperty("keyId").GetString());
        Assert.EndsWith("/v3/flatcontainer/signer.skills/1.0.0/signer.skills.1.0.0.nupkg.minisig", view.GetProperty("signatureUrl").GetString(), StringComparison.Ordinal);

        var keys = await client.GetFromJsonAsync<JsonElement>("api/v2/packages/signer.skills/signing-keys", Ct);
        Assert.Equal(account, keys.GetProperty("owner").GetString());
        Assert.False(keys.GetProperty("requireSignatures").GetBoolean());
        var listed = Assert.Single(keys.GetProperty("keys").EnumerateArray().ToList());
        Assert.Equal((secret.KeyId.ToString(), secret.PublicKey.ToBase64(), "laptop", true), (listed.GetProperty("keyId").GetString(), listed.GetProperty("publicKey").GetString(), listed.GetProperty("name").GetString(), listed.GetProperty("active").GetBoolean()));

        var index = await client.GetFromJsonAsync<JsonElement>("v3/index.json", Ct);
        Assert.Contains(index.GetProperty("resources").EnumerateArray(), r => r.GetProperty("@type").GetString() == "SkillRtSigning/1.0.0"
            && r.GetProperty("@id").GetString() == Server.BaseUrl + "api/v2/packages/");
    }

    [Fact]
    public async Task An_unsigned_publish_is_accepted_without_the_policy_and_has_no_signature()
    {
        var (_, key) = await NewAccountAsync("plain");
        var response = await PushAsync(Server, Package("Plain.Skills", "1.0.0"), key);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        using var client = Server.CreateClient();
        var missing = await client.GetAsync("v3/flatcontainer/plain.skills/1.0.0/plain.skills.1.0.0.nupkg.minisig", Ct);
        Assert.Equal("Version not signed", (await ProblemAsync(missing, HttpStatusCode.NotFound)).GetProperty("title").GetString());
        var view = await client.GetFromJsonAsync<JsonElement>("api/v2/packages/Plain.Skills/1.0.0/signature", Ct);
        Assert.False(view.GetProperty("signed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("keyId").ValueKind);
    }

    [Fact]
    public async Task A_signature_by_an_unregistered_key_or_of_other_bytes_is_refused_and_nothing_is_stored()
    {
        var (account, key) = await NewAccountAsync("wrongkey");
        using var registered = MinisignSecretKey.Generate();
        using var stranger = MinisignSecretKey.Generate();
        await RegisterAsync(account, key, registered.PublicKey.ToBase64());
        var package = Package("Wrongkey.Skills", "1.0.0");

        var unknown = await ProblemAsync(await PushSignedAsync(package, stranger.Sign(package, "x").ToFileText(), key), HttpStatusCode.BadRequest);
        var otherBytes = await ProblemAsync(await PushSignedAsync(package, registered.Sign(Package("Wrongkey.Skills", "9.9.9"), "x").ToFileText(), key), HttpStatusCode.BadRequest);
        var malformed = await ProblemAsync(await PushSignedAsync(package, "untrusted comment: x\nnot a signature\ntrusted comment: y\nAAAA\n", key), HttpStatusCode.BadRequest);

        Assert.Equal("Unknown signing key", unknown.GetProperty("title").GetString());
        Assert.Contains(stranger.KeyId.ToString(), unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains($"api/v2/owners/{account}/signing-keys", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Signature does not match the package", otherBytes.GetProperty("title").GetString());
        Assert.Equal("Malformed signature", malformed.GetProperty("title").GetString());
        Assert.Contains("line 2", malformed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(Versions(Server, "Wrongkey.Skills"));
    }

    [Fact]
    public async Task A_revoked_key_signs_nothing_more_and_cannot_be_registered_again()
    {
        var (account, key) = await NewAccountAsync("revoker");
        using var secret = MinisignSecretKey.Generate();
        await RegisterAsync(account, key, secret.PublicKey.ToFileText());
        using var client = Server.CreateClient(key);

        var revoked = await client.DeleteAsync($"api/v2/owners/{account}/signing-keys/{secret.KeyId}", Ct);
        var again = await client.DeleteAsync($"api/v2/owners/{account}/signing-keys/{secret.KeyId}", Ct);
        var package = Package("Revoker.Skills", "1.0.0");
        var refused = await ProblemAsync(await PushSignedAsync(package, secret.Sign(package, "x").ToFileText(), key), HttpStatusCode.BadRequest);
        var reRegistered = await client.PostAsJsonAsync($"api/v2/owners/{account}/signing-keys", new { publicKey = secret.PublicKey.ToBase64() }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal("Revoked signing key", refused.GetProperty("title").GetString());
        Assert.Contains(secret.KeyId.ToString(), refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Key was revoked", (await ProblemAsync(reRegistered, HttpStatusCode.Conflict)).GetProperty("title").GetString());
        var listed = Assert.Single((await client.GetFromJsonAsync<JsonElement>($"api/v2/owners/{account}/signing-keys", Ct)).GetProperty("keys").EnumerateArray().ToList());
        Assert.False(listed.GetProperty("active").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
        Assert.Empty(Versions(Server, "Revoker.Skills"));
    }

    [Fact]
    public async Task An_owner_that_requires_signatures_gets_no_unsigned_version()
    {
        var (account, key) = await NewAccountAsync("strict");
        using var secret = MinisignSecretKey.Generate();
        await RegisterAsync(account, key, secret.PublicKey.ToFileText());
        using var client = Server.CreateClient(key);
        var policy = await client.PutAsJsonAsync($"api/v2/owners/{account}/signing-policy", new { requireSignatures = true }, Ct);
        Assert.True(policy.StatusCode == HttpStatusCode.OK, await policy.Content.ReadAsStringAsync(Ct));
        Assert.True((await policy.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("requireSignatures").GetBoolean());

        var unsigned = await ProblemAsync(await PushAsync(Server, Package("Strict.Skills", "1.0.0"), key), HttpStatusCode.BadRequest);
        var package = Package("Strict.Skills", "1.0.1");
        var signed = await PushSignedAsync(package, secret.Sign(package, "x").ToFileText(), key);

        Assert.Equal("Signature required", unsigned.GetProperty("title").GetString());
        Assert.Contains("skillrt sign", unsigned.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(signed.StatusCode == HttpStatusCode.Created, await signed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["1.0.1"], Versions(Server, "Strict.Skills").Select(v => v.Version));
        using var anonymous = Server.CreateClient();
        Assert.True((await anonymous.GetFromJsonAsync<JsonElement>("api/v2/packages/Strict.Skills/signing-keys", Ct)).GetProperty("requireSignatures").GetBoolean());
    }

    [Fact]
    public async Task Keys_are_managed_only_by_members_of_the_owner_and_must_be_minisign_keys()
    {
        var (account, key) = await NewAccountAsync("keyowner");
        var (_, strangerKey) = await NewAccountAsync("keystranger");
        using var secret = MinisignSecretKey.Generate();
        using var stranger = Server.CreateClient(strangerKey);
        using var anonymous = Server.CreateClient();
        using var owner = Server.CreateClient(key);
        var publishOnly = await CreateKeyAsync(Server, key, scopes: ["registry:publish"]);
        using var publisher = Server.CreateClient(publishOnly);

        var foreign = await stranger.PostAsJsonAsync($"api/v2/owners/{account}/signing-keys", new { publicKey = secret.PublicKey.ToBase64() }, Ct);
        var noKey = await anonymous.PostAsJsonAsync($"api/v2/owners/{account}/signing-keys", new { publicKey = secret.PublicKey.ToBase64() }, Ct);
        var noScope = await publisher.PostAsJsonAsync($"api/v2/owners/{account}/signing-keys", new { publicKey = secret.PublicKey.ToBase64() }, Ct);
        var notAKey = await owner.PostAsJsonAsync($"api/v2/owners/{account}/signing-keys", new { publicKey = "untrusted comment: x\nRWQ=" }, Ct);
        var unknownOwner = await owner.PostAsJsonAsync("api/v2/owners/nobody-here/signing-keys", new { publicKey = secret.PublicKey.ToBase64() }, Ct);
        var badPolicy = await owner.PutAsJsonAsync($"api/v2/owners/{account}/signing-policy", new { }, Ct);
        var badKeyId = await owner.DeleteAsync($"api/v2/owners/{account}/signing-keys/xyz", Ct);

        Assert.Equal("Not a member of the owner", (await ProblemAsync(foreign, HttpStatusCode.Forbidden)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        var notAKeyProblem = await ProblemAsync(notAKey, HttpStatusCode.BadRequest);
        Assert.Contains("publicKey: line 2", notAKeyProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(unknownOwner, HttpStatusCode.NotFound);
        await ProblemAsync(badPolicy, HttpStatusCode.BadRequest);
        await ProblemAsync(badKeyId, HttpStatusCode.BadRequest);
        Assert.Empty((await anonymous.GetFromJsonAsync<JsonElement>($"api/v2/owners/{account}/signing-keys", Ct)).GetProperty("keys").EnumerateArray());
    }

    private async Task<(string Account, string Key)> NewAccountAsync(string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..6];
        return (name, await CreateAccountAsync(Server, fixture.AdministratorKey, name));
    }

    private async Task RegisterAsync(string owner, string key, string publicKey, string? name = null)
    {
        using var client = Server.CreateClient(key);
        var response = await client.PostAsJsonAsync($"api/v2/owners/{owner}/signing-keys", new { publicKey, name }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<HttpResponseMessage> PushSignedAsync(byte[] package, string signature, string key)
    {
        using var client = Server.CreateClient();
        var content = PackageContent(package);
        var part = new StringContent(signature);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Add(part, "signature", "package.nupkg.minisig");
        using var request = new HttpRequestMessage(HttpMethod.Put, PublishPath) { Content = content };
        request.Headers.Add("X-NuGet-ApiKey", key);
        return await client.SendAsync(request, Ct);
    }

    private static byte[] Package(string id, string version) =>
        new SkillPackageBuilder(id, version).AddStructuredSkill("signed-skill", "A skill whose package is signed.").Build();
}
