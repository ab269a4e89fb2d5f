using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;
using static SkillRt.Registry.Tests.PublishHarness;

namespace SkillRt.Registry.Tests.Moderation;

/// <summary>
/// The hostile-publish suite: every package of <see cref="HostileSkillCorpus"/> published to a real
/// server must come back with its expected rule IDs, either in the findings of a recorded version
/// (quarantined when any finding is High or above) or, for a package the registry refuses as
/// malformed, in the refusal; and every clean skill of examples/ and samples/ must publish with no
/// finding of High or above.
/// </summary>
public sealed class HostilePublishTests(ModerationFixture fixture) : IClassFixture<ModerationFixture>
{
    // Publishes at once: enough to overlap scans and database writes, few enough for a 2-core machine.
    private const int Parallelism = 4;

    private static readonly string[] Blocking = ["high", "critical"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Every_hostile_package_gives_its_expected_rules_and_none_is_installable()
    {
        Assert.True(HostileSkillCorpus.All.Count >= 40, $"The corpus has {HostileSkillCorpus.All.Count} cases; the suite needs at least 40.");
        var failures = new ConcurrentBag<string>();
        var outcomes = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(HostileSkillCorpus.All, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = Ct }, async (hostile, _) =>
        {
            try
            {
                outcomes[hostile.Name] = await CheckAsync(hostile);
            }
            catch (Exception exception) when (exception is Xunit.Sdk.XunitException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                failures.Add($"{hostile.Name} ({hostile.PackageId}): {exception.Message}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {HostileSkillCorpus.All.Count} hostile packages did not give their rules:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal)));
        // Both paths were exercised: recorded-and-quarantined, and refused-with-findings.
        Assert.Contains("quarantined", outcomes.Values);
        Assert.Contains("refused", outcomes.Values);
    }

    [Fact]
    public async Task The_clean_skills_of_examples_and_samples_publish_without_a_high_finding()
    {
        var folders = Directory.GetDirectories(TestPaths.Examples)
            .Concat(Directory.GetDirectories(Path.Combine(TestPaths.RepositoryRoot, "samples"))
                // BrokenSkill is invalid on purpose (it shows validate's errors); it is no security sample.
                .Where(sample => Path.GetFileName(sample) != "BrokenSkill")
                .SelectMany(sample => Directory.GetDirectories(Path.Combine(sample, "skills"))))
            .ToList();
        Assert.True(folders.Count >= 7, $"Expected the 3 examples and the samples' skills, found {folders.Count}.");

        foreach (var folder in folders)
        {
            var name = Path.GetFileName(folder);
            var id = "Clean." + string.Concat(Path.GetRelativePath(TestPaths.RepositoryRoot, folder).Split(Path.DirectorySeparatorChar, '-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
            var builder = new SkillPackageBuilder(id, "1.0.0");
            builder.AddSkill(name, await File.ReadAllTextAsync(Path.Combine(folder, "SKILL.md"), Ct));
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "SKILL.md"))
            {
                builder.AddEntry($"skills/{name}/{Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/')}", await File.ReadAllBytesAsync(file, Ct));
            }

            var response = await PushAsync(Server, builder.Build(), fixture.AttackerKey);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{folder}: {(int)response.StatusCode} {text}");
            var screening = JsonDocument.Parse(text).RootElement.GetProperty("screening");
            Assert.False(screening.GetProperty("quarantined").GetBoolean(), $"{folder}: {text}");
            Assert.DoesNotContain(screening.GetProperty("findings").EnumerateArray(), f => Blocking.Contains(f.GetProperty("severity").GetString()));

            using var client = Server.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"v3/flatcontainer/{id.ToLowerInvariant()}/1.0.0/{id.ToLowerInvariant()}.1.0.0.nupkg", Ct)).StatusCode);
        }
    }

    // "quarantined" for a recorded version, "refused" for a malformed package; throws on anything else.
    private async Task<string> CheckAsync(HostileCase hostile)
    {
        using var response = await PushAsync(Server, hostile.Package, fixture.AttackerKey);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var root = JsonDocument.Parse(text).RootElement;
        IReadOnlyList<JsonElement> findings;
        string outcome;
        if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Created)
        {
            var screening = root.GetProperty("screening");
            findings = screening.GetProperty("findings").EnumerateArray().ToList();
            var blocking = findings.Any(f => Blocking.Contains(f.GetProperty("severity").GetString()));
            Assert.True(blocking == (response.StatusCode == HttpStatusCode.Accepted), $"status {(int)response.StatusCode} but blocking findings: {blocking}: {text}");
            Assert.Equal(blocking, screening.GetProperty("quarantined").GetBoolean());
            outcome = blocking ? "quarantined" : "recorded";
            if (blocking)
            {
                await AssertNotInstallableAsync(hostile);
            }
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"status {(int)response.StatusCode}: {text}");
            Assert.True(root.TryGetProperty("findings", out var refused), $"refused without findings: {text}");
            findings = refused.EnumerateArray().ToList();
            Assert.Empty(Versions(Server, hostile.PackageId));
            outcome = "refused";
        }

        var found = findings.Select(f => f.GetProperty("ruleId").GetString()).ToHashSet(StringComparer.Ordinal);
        var missing = hostile.ExpectedRuleIds.Where(rule => !found.Contains(rule)).ToList();
        Assert.True(missing.Count == 0, $"{outcome}: missing {string.Join(", ", missing)}; found {string.Join(", ", found.Order(StringComparer.Ordinal))}");
        foreach (var finding in findings)
        {
            Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("message").GetString()), $"a finding without a message: {finding}");
            Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("fix").GetString()), $"a finding without a fix: {finding}");
        }

        return outcome;
    }

    private async Task AssertNotInstallableAsync(HostileCase hostile)
    {
        var id = hostile.PackageId.ToLowerInvariant();
        using var client = Server.CreateClient();
        using var download = await client.GetAsync($"v3/flatcontainer/{id}/{hostile.Version}/{id}.{hostile.Version}.nupkg", Ct);
        var problem = await ProblemAsync(download, HttpStatusCode.NotFound);
        Assert.Equal("Package version quarantined", problem.GetProperty("title").GetString());
        var index = await client.GetAsync($"v3/flatcontainer/{id}/index.json", Ct);
        if (index.StatusCode == HttpStatusCode.OK)
        {
            Assert.DoesNotContain(hostile.Version, await index.Content.ReadAsStringAsync(Ct));
        }
    }
}
