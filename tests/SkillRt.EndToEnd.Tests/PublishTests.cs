using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>`dotnet pack -p:SkillPublish=true` pushes the packed skill library to a folder feed or a V3 endpoint.</summary>
[Collection(nameof(SharedPackageFeed))]
public sealed class PublishTests(PackageFeed feed)
{
    private Task<(int ExitCode, string Output)> PackAndPublishAsync(string source, string? apiKey = null)
    {
        var output = Directory.CreateTempSubdirectory("skillrt-publish-out-").FullName;
        string[] arguments = ["pack", "-o", output, "-p:PackageVersion=" + feed.Version, "-p:SkillPublish=true", "-p:SkillPublishSource=" + source];
        return DotnetCli.RunAsync(feed.LibraryProject, apiKey is null ? arguments : [.. arguments, "-p:SkillPublishApiKey=" + apiKey]);
    }

    [Fact]
    public async Task Publishing_to_a_folder_feed_puts_the_package_there()
    {
        var folder = Directory.CreateTempSubdirectory("skillrt-folder-feed-").FullName;
        try
        {
            var (exitCode, output) = await PackAndPublishAsync(folder);

            Assert.True(exitCode == 0, output);
            var published = Directory.GetFiles(folder, "*.nupkg", SearchOption.AllDirectories);
            Assert.Equal($"contoso.releaseskills.{feed.Version}.nupkg", Path.GetFileName(Assert.Single(published)).ToLowerInvariant());
            Assert.True(output.Contains("Published", StringComparison.Ordinal), output);

            (exitCode, output) = await PackAndPublishAsync(folder);
            Assert.True(exitCode != 0, output);
            Assert.True(output.Contains($"error SKILL0803: The feed '{folder}' already has Contoso.ReleaseSkills.{feed.Version}", StringComparison.Ordinal), output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Publishing_to_a_v3_endpoint_pushes_with_the_key_and_reports_conflicts_and_refusals_clearly()
    {
        await using var server = new LoopbackNuGetFeed();

        var (exitCode, output) = await PackAndPublishAsync(server.ServiceIndex, "wrong-key");
        Assert.NotEqual(0, exitCode);
        Assert.True(output.Contains($"error SKILL0803: The feed '{server.ServiceIndex}' refused Contoso.ReleaseSkills.{feed.Version}: not authorized", StringComparison.Ordinal), output);
        Assert.DoesNotContain("wrong-key", output.Replace("-p:SkillPublishApiKey=wrong-key", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        (exitCode, output) = await PackAndPublishAsync(server.ServiceIndex, LoopbackNuGetFeed.ApiKey);
        Assert.True(exitCode == 0, output);
        using (var package = new ZipArchive(new MemoryStream(ExtractPackage(Assert.Single(server.Accepted)))))
        {
            Assert.Contains(package.Entries, e => e.FullName == "skills/index.json");
        }

        (exitCode, output) = await PackAndPublishAsync(server.ServiceIndex, LoopbackNuGetFeed.ApiKey);
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"error SKILL0803: The feed '{server.ServiceIndex}' already has Contoso.ReleaseSkills.{feed.Version}; raise the package version", output, StringComparison.Ordinal);
        Assert.DoesNotContain(LoopbackNuGetFeed.ApiKey, output.Replace("-p:SkillPublishApiKey=" + LoopbackNuGetFeed.ApiKey, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(server.KeysSeen.Skip(1), key => Assert.Equal(LoopbackNuGetFeed.ApiKey, key));
    }

    [Fact]
    public async Task An_unreachable_feed_is_one_clear_error()
    {
        using var closed = LoopbackPorts.ReserveClosed(out var port);
        var source = $"http://127.0.0.1:{port}/v3/index.json";
        var (exitCode, output) = await PackAndPublishAsync(source, "k");

        Assert.NotEqual(0, exitCode);
        Assert.True(output.Contains($"error SKILL0803: SkillRt could not reach the feed '{source}'", StringComparison.Ordinal), output);
    }

    [Fact]
    public async Task Publishing_without_a_feed_says_what_to_set()
    {
        var (exitCode, output) = await DotnetCli.RunAsync(feed.LibraryProject, "pack", "-o", Directory.CreateTempSubdirectory().FullName, "-p:PackageVersion=" + feed.Version, "-p:SkillPublish=true");
        Assert.NotEqual(0, exitCode);
        Assert.True(output.Contains("error SKILL0803: SkillPublish=true needs a feed to publish to: add -p:SkillPublishSource=", StringComparison.Ordinal), output);
    }

    // The push body is multipart/form-data holding the .nupkg; the zip starts at "PK\x03\x04".
    private static byte[] ExtractPackage(byte[] body)
    {
        var start = Array.IndexOf(body, (byte)'P');
        while (start >= 0 && !(body[start + 1] == 'K' && body[start + 2] == 3 && body[start + 3] == 4))
        {
            start = Array.IndexOf(body, (byte)'P', start + 1);
        }

        return body[start..];
    }
}
