using SkillRt.Registry.Web.Packages;
using Xunit;

namespace SkillRt.Registry.Tests.Web;

/// <summary>Permissions in plain words, one sentence each, as the skill page lists them.</summary>
public sealed class PermissionWordingTests
{
    [Fact]
    public void Each_kind_of_permission_reads_as_a_sentence()
    {
        var permissions = new PublishedPermissions(
            ["api.github.com", "*.example.com", "localhost:8080", "[::1]:8443", "[::1]", "*"],
            [new PublishedFileRule("./src/**", "read"), new PublishedFileRule("./reports/**/*", "read-write"), new PublishedFileRule("notes.txt", "read-write"), new PublishedFileRule("**", "read")],
            ["GITHUB_TOKEN"]);
        Assert.Equal(
            [
                "Connects to api.github.com",
                "Connects to any subdomain of example.com",
                "Connects to localhost on port 8080",
                "Connects to [::1] on port 8443",
                "Connects to [::1]",
                "Connects to any host on the network",
                "Reads files under ./src",
                "Reads and writes files under ./reports",
                "Reads and writes files matching notes.txt",
                "Reads files anywhere under the working folder",
                "Reads the environment variable GITHUB_TOKEN",
            ],
            PermissionWording.Describe(permissions, new PublishedRuntime("markdown-skill", null, null, null)));
    }

    [Fact]
    public void The_runtime_adds_what_it_runs_and_nothing_says_so()
    {
        Assert.Equal([PermissionWording.None], PermissionWording.Describe(new PublishedPermissions([], [], []), new PublishedRuntime("markdown-skill", null, null, null)));
        Assert.Equal([PermissionWording.None], PermissionWording.Describe(null, null));
        Assert.Equal(
            ["Reads the environment variable HOME", "Runs a program on your computer (a process skill), confined to the permissions above"],
            PermissionWording.Describe(new PublishedPermissions(null, null, ["HOME"]), new PublishedRuntime("process", null, null, null)));
        Assert.Equal(
            ["Calls the tool search of the MCP server github"],
            PermissionWording.Describe(null, new PublishedRuntime("mcp-tool", null, "github", "search")));
    }

    [Fact]
    public void Generated_names_follow_the_generators_rule()
    {
        Assert.Equal("PrReviewSkill", GeneratedNames.ClassName("pr-review"));
        Assert.Equal("PrReviewInput", GeneratedNames.InputTypeName("PrReviewSkill"));
        Assert.Equal("_1stPassSkill", GeneratedNames.ClassName("1st-pass"));
        Assert.Equal(
            "var output = await PrReviewSkill.RunAsync(runner, new PrReviewInput(prUrl, @class));",
            GeneratedNames.RunExample("pr-review", [
                new PublishedInput("pr_url", "url", true, null, null, null, null),
                new PublishedInput("focus", "string", false, null, null, null, null),
                new PublishedInput("class", "string", true, null, null, null, null),
            ]));
    }
}
