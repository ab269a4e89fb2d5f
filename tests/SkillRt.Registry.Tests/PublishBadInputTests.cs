using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests;

/// <summary>
/// A registry with small limits (256 KiB packages, 1 MiB unpacked, 64 entries) for the bad-input tests,
/// so an oversized upload or a zip bomb stays small and fast to make.
/// </summary>
public sealed class SmallLimitsRegistryFixture : IAsyncLifetime
{
    public const long MaxPackageBytes = 256 * 1024;
    public const long MaxUnpackedBytes = 1024 * 1024;
    public const int MaxEntries = 64;

    internal ServerProcess Server { get; private set; } = null!;

    internal string AdministratorKey => Server.AdministratorKey!;

    public async ValueTask InitializeAsync() => Server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
    {
        ["SkillRt:Registry:MaxPackageBytes"] = MaxPackageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SkillRt:Registry:MaxUnpackedBytes"] = MaxUnpackedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SkillRt:Registry:MaxEntries"] = MaxEntries.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Every way a publish can be wrong (issue 17, "Bad input") gets a clear problem document and stores
/// nothing: no version row, no blob, no upload file left behind.
/// </summary>
public sealed class PublishBadInputTests(SmallLimitsRegistryFixture fixture) : IClassFixture<SmallLimitsRegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task An_upload_over_the_size_limit_is_413_with_or_without_a_content_length()
    {
        var package = Valid("Bad.Oversized").AddEntry("skills/bad-oversized/assets/noise.bin", RandomBytes((int)SmallLimitsRegistryFixture.MaxPackageBytes + 1024)).Build();

        var known = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("262,144", known.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Chunked: no length to refuse up front, so the count while streaming refuses it.
        using var client = Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, PublishPath) { Content = PackageContent(package) };
        request.Headers.Add("X-NuGet-ApiKey", fixture.AdministratorKey);
        request.Headers.TransferEncodingChunked = true;
        await ProblemAsync(await client.SendAsync(request, Ct), HttpStatusCode.RequestEntityTooLarge);

        AssertNothingStored("Bad.Oversized");
    }

    [Fact]
    public async Task An_upload_that_is_not_a_zip_is_400()
    {
        var problem = await ProblemAsync(await PushAsync(Server, Encoding.UTF8.GetBytes("This is a text file, not a package."), fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Equal("Not a NuGet package", problem.GetProperty("title").GetString());
        AssertNothingStored();
    }

    [Theory]
    [InlineData("../evil.txt", "'..'")]
    [InlineData("skills/bad-entry/../../evil.txt", "'..'")]
    [InlineData("skills/%2E%2E/%2E%2E/evil.txt", "'..'")]
    [InlineData("/etc/evil.conf", "absolute path")]
    [InlineData("C:/Windows/evil.dll", "drive letter")]
    [InlineData("skills\\bad-entry\\evil.txt", "backslash")]
    public async Task An_entry_that_points_outside_the_package_is_400_naming_it(string entry, string why)
    {
        var package = Valid("Bad.Entry").AddEntry(entry, "evil").Build();

        var problem = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Equal("Unsafe entry in the package", problem.GetProperty("title").GetString());
        Assert.Contains($"'{entry}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(why, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNothingStored("Bad.Entry");
    }

    [Fact]
    public async Task A_symbolic_link_entry_is_400()
    {
        var package = WithEntry(Valid("Bad.Link").Build(), "skills/bad-link/assets/passwd", "/etc/passwd", externalAttributes: unchecked((int)0xA1FF0000));

        var problem = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Equal("Symbolic link in the package", problem.GetProperty("title").GetString());
        Assert.Contains("'skills/bad-link/assets/passwd'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNothingStored("Bad.Link");
    }

    [Fact]
    public async Task A_description_longer_than_nuget_orgs_limit_is_400_naming_the_field()
    {
        var builder = Valid("Bad.Description");
        builder.Description = new string('x', 4001);

        var problem = await ProblemAsync(await PushAsync(Server, builder.Build(), fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Contains("<description> of 4001 characters; at most 4000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNothingStored("Bad.Description");
    }

    [Fact]
    public async Task A_version_longer_than_128_characters_is_400()
    {
        var version = "1.0.0-" + new string('a', 130);
        var package = new SkillPackageBuilder("Bad.LongVersion", version).AddStructuredSkill("bad-longversion", "A version too long to store.").Build();

        var problem = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Contains("at most 128 are allowed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNothingStored("Bad.LongVersion");
    }

    [Fact]
    public async Task Two_entries_with_one_name_regardless_of_case_are_400()
    {
        var package = Valid("Bad.Duplicate").AddEntry("skills/bad-duplicate/references/notes.md", "one").AddEntry("skills/bad-duplicate/references/NOTES.md", "two").Build();

        var problem = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Equal("Duplicate entry in the package", problem.GetProperty("title").GetString());
        AssertNothingStored("Bad.Duplicate");
    }

    [Fact]
    public async Task More_entries_than_the_limit_is_400()
    {
        var builder = Valid("Bad.Entries");
        for (var i = 0; i < SmallLimitsRegistryFixture.MaxEntries; i++)
        {
            builder.AddEntry($"skills/bad-entries/references/{i}.md", "x");
        }

        var problem = await ProblemAsync(await PushAsync(Server, builder.Build(), fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Contains("MaxEntries", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNothingStored("Bad.Entries");
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_by_its_compression_ratio_while_unpacking()
    {
        // 900 KiB of zeros compresses to about 1 KiB: within the unpacked limit, far beyond any real file's ratio.
        var package = Valid("Bad.Ratio").AddEntry("skills/bad-ratio/assets/zeros.bin", new byte[900 * 1024]).Build();

        var problem = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Equal("Package looks like a zip bomb", problem.GetProperty("title").GetString());
        Assert.Contains("'skills/bad-ratio/assets/zeros.bin'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNothingStored("Bad.Ratio");
    }

    [Fact]
    public async Task A_package_that_unpacks_to_more_than_the_limit_is_400()
    {
        var package = Valid("Bad.Unpacked").AddEntry("skills/bad-unpacked/references/long.md", CompressibleText(1200 * 1024)).Build();
        Assert.True(package.Length < SmallLimitsRegistryFixture.MaxPackageBytes);

        var problem = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Equal("Package unpacks to too much", problem.GetProperty("title").GetString());
        Assert.Contains("MaxUnpackedBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNothingStored("Bad.Unpacked");
    }

    [Fact]
    public async Task A_header_that_understates_an_entrys_size_is_caught_by_unpacking_it()
    {
        // The headers claim 1,000 bytes for a file of 1.2 MB: within every limit by the headers alone.
        var package = Valid("Bad.Header").AddEntry("skills/bad-header/references/long.md", CompressibleText(1200 * 1024)).Build();
        Understate(package, "skills/bad-header/references/long.md", 1000);

        var problem = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Contains("'skills/bad-header/references/long.md'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("understates", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNothingStored("Bad.Header");
    }

    [Fact]
    public async Task A_package_without_a_nuspec_or_with_a_broken_one_is_400()
    {
        var noNuspec = await ProblemAsync(await PushAsync(Server, Zip(("skills/x/SKILL.md", Encoding.UTF8.GetBytes("---\nname: x\n---\n"))), fixture.AdministratorKey), HttpStatusCode.BadRequest);
        Assert.Contains("no .nuspec", noNuspec.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var broken = await ProblemAsync(await PushAsync(Server, Zip(("Bad.Nuspec.nuspec", Encoding.UTF8.GetBytes("<package><metadata><id>Bad.Nuspec"))), fixture.AdministratorKey), HttpStatusCode.BadRequest);
        Assert.Equal("Invalid nuspec", broken.GetProperty("title").GetString());

        var dtd = "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\">]><package><metadata><id>&lol;</id></metadata></package>";
        var entity = await ProblemAsync(await PushAsync(Server, Zip(("Bad.Dtd.nuspec", Encoding.UTF8.GetBytes(dtd))), fixture.AdministratorKey), HttpStatusCode.BadRequest);
        Assert.Equal("Invalid nuspec", entity.GetProperty("title").GetString());
        AssertNothingStored();
    }

    [Fact]
    public async Task A_package_without_the_skill_package_type_is_400_saying_how_to_make_one()
    {
        var builder = Valid("Bad.Library");
        builder.PackageTypes.Remove("SkillRtSkills");

        var problem = await ProblemAsync(await PushAsync(Server, builder.Build(), fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Equal("Not a skill package", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("SkillRtSkills", detail, StringComparison.Ordinal);
        Assert.Contains("<SkillFile", detail, StringComparison.Ordinal);
        Assert.Contains("skillrt publish", detail, StringComparison.Ordinal);
        AssertNothingStored("Bad.Library");
    }

    [Fact]
    public async Task A_package_with_no_skill_md_is_400()
    {
        var package = new SkillPackageBuilder("Bad.Empty", "1.0.0").AddEntry("skills/readme.txt", "No skills here.").AddEntry("lib/net8.0/_._", "").Build();

        var problem = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.BadRequest);

        Assert.Equal("No skills in the package", problem.GetProperty("title").GetString());
        Assert.Contains("skills/{name}/SKILL.md", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertNothingStored("Bad.Empty");
    }

    [Fact]
    public async Task Invalid_skill_md_files_are_400_with_every_diagnostic_located_in_the_package()
    {
        var broken = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "samples", "BrokenSkill", "skills", "release-notes", "SKILL.md"), Ct);
        var package = Valid("Bad.Skill").AddSkill("release-notes", broken).Build();
        var expected = SkillValidator.Validate(broken, "skills/release-notes/SKILL.md").Diagnostics;

        var problem = await ProblemAsync(await PushAsync(Server, package, fixture.AdministratorKey), HttpStatusCode.BadRequest);

        var errors = expected.Count(d => d.Severity == SkillDiagnosticSeverity.Error);
        Assert.True(errors > 1);
        Assert.Equal($"Invalid skills: {errors} errors", problem.GetProperty("title").GetString());
        Assert.Contains($"{errors} errors", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var diagnostics = problem.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(
            expected.Select(d => (d.Id, d.Severity.ToString().ToLowerInvariant(), "skills/release-notes/SKILL.md", d.Span.StartLine, d.Span.StartColumn, d.Message)),
            diagnostics.Select(d => (
                d.GetProperty("id").GetString()!,
                d.GetProperty("severity").GetString()!,
                d.GetProperty("file").GetString()!,
                d.GetProperty("line").GetInt32(),
                d.GetProperty("column").GetInt32(),
                d.GetProperty("message").GetString()!)));
        Assert.All(diagnostics, d => Assert.True(d.GetProperty("line").GetInt32() >= 1 && d.GetProperty("column").GetInt32() >= 1));
        AssertNothingStored("Bad.Skill");
    }

    [Fact]
    public async Task A_wrong_or_expired_key_is_401_and_a_key_without_the_scope_or_the_id_is_403()
    {
        var package = Valid("Bad.Keys").Build();

        await ProblemAsync(await PushAsync(Server, package, key: null), HttpStatusCode.Unauthorized);
        await ProblemAsync(await PushAsync(Server, package, "skr_" + new string('x', 43)), HttpStatusCode.Unauthorized);

        var expired = await CreateKeyAsync(Server, fixture.AdministratorKey);
        Expire(Server, expired);
        var expiredProblem = await ProblemAsync(await PushAsync(Server, package, expired), HttpStatusCode.Unauthorized);
        Assert.Contains("expired", expiredProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var unlistOnly = await CreateKeyAsync(Server, fixture.AdministratorKey, scopes: ["registry:unlist"]);
        await ProblemAsync(await PushAsync(Server, package, unlistOnly), HttpStatusCode.Forbidden);

        var otherPackages = await CreateKeyAsync(Server, fixture.AdministratorKey, packages: ["Contoso.*"]);
        var outOfScope = await ProblemAsync(await PushAsync(Server, package, otherPackages), HttpStatusCode.Forbidden);
        Assert.Contains("'Contoso.*'", outOfScope.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("'Bad.Keys'", outOfScope.GetProperty("detail").GetString(), StringComparison.Ordinal);

        AssertNothingStored("Bad.Keys");
    }

    [Fact]
    public async Task A_malformed_or_non_multipart_body_is_refused()
    {
        using var client = Server.CreateClient();

        async Task<HttpResponseMessage> SendAsync(string contentType, string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, PublishPath) { Content = new StringContent(body) };
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            request.Headers.Add("X-NuGet-ApiKey", fixture.AdministratorKey);
            return await client.SendAsync(request, Ct);
        }

        var truncated = await ProblemAsync(await SendAsync("multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"package\"; filename=\"p.nupkg\"\r\n\r\nPK\u0003\u0004 and then nothing"), HttpStatusCode.BadRequest);
        Assert.Equal("Malformed multipart upload", truncated.GetProperty("title").GetString());

        var noBoundary = await ProblemAsync(await SendAsync("multipart/form-data", "--XYZ--\r\n"), HttpStatusCode.BadRequest);
        Assert.Contains("boundary", noBoundary.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var noFile = await ProblemAsync(await SendAsync("multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--XYZ--\r\n"), HttpStatusCode.BadRequest);
        Assert.Contains("no file part", noFile.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await ProblemAsync(await SendAsync("application/json", "{\"package\": 1}"), HttpStatusCode.UnsupportedMediaType);
        AssertNothingStored();
    }

    private static SkillPackageBuilder Valid(string id) =>
        new SkillPackageBuilder(id, "1.0.0").AddStructuredSkill(id.ToLowerInvariant().Replace('.', '-'), "A valid skill in a bad package.");

    /// <summary>Nothing of a refused publish remains: no version of <paramref name="id"/>, no blob, no upload file.</summary>
    private void AssertNothingStored(string? id = null)
    {
        if (id is not null)
        {
            Assert.Empty(Versions(Server, id));
        }

        Assert.Empty(Blobs(Server));
        Assert.Empty(Uploads(Server));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(17).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Text that compresses about 15:1, like real text: a bomb only by its total size.</summary>
    private static string CompressibleText(int length)
    {
        var text = new StringBuilder(length + 64);
        for (var i = 0; text.Length < length; i++)
        {
            text.Append("line ").Append(i).Append(": the quick brown fox jumps over the lazy dog\n");
        }

        return text.ToString();
    }

    private static byte[] WithEntry(byte[] package, string name, string content, int externalAttributes)
    {
        using var buffer = new MemoryStream();
        buffer.Write(package);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.CreateEntry(name);
            entry.ExternalAttributes = externalAttributes;
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes(content));
        }

        return buffer.ToArray();
    }

    /// <summary>Rewrites the uncompressed size that the local and central headers of <paramref name="name"/> record.</summary>
    private static void Understate(byte[] zip, string name, uint size)
    {
        var encoded = Encoding.UTF8.GetBytes(name);
        var patched = 0;
        for (var i = 0; i + 46 <= zip.Length; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            var (sizeOffset, nameLengthOffset, nameOffset) = signature switch
            {
                0x04034b50 => (22, 26, 30),
                0x02014b50 => (24, 28, 46),
                _ => (-1, -1, -1),
            };
            if (sizeOffset < 0 || BitConverter.ToUInt16(zip, i + nameLengthOffset) != encoded.Length || !zip.AsSpan(i + nameOffset, encoded.Length).SequenceEqual(encoded))
            {
                continue;
            }

            BitConverter.GetBytes(size).CopyTo(zip, i + sizeOffset);
            patched++;
        }

        Assert.Equal(2, patched);
    }
}
