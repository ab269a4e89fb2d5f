using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Registry.Tests;

namespace SkillRt.Browser.Tests;

/// <summary>
/// The search page's registry: six skills that differ in runtime, permissions, output and owner,
/// published through the real API (so the facets come from real SKILL.md files), and sixteen plain
/// helpers, so that every skill is 22 results: two pages of 20.
/// </summary>
public sealed class SearchPageFixture : BrowserFixture
{
    private const string TypedOutput = "outputs:\n  type: json\n  schema:\n    type: object\n    properties:\n      summary: {type: string}\n";

    /// <summary>Every skill the registry holds.</summary>
    public const int Total = 22;

    protected override IReadOnlyDictionary<string, string> ServerSettings() =>
        // Each test sees what the previous published at once, not a cached page from before it.
        new Dictionary<string, string> { ["SkillRt:Registry:SearchCacheDuration"] = "00:00:00" };

    protected override async Task SeedAsync(CancellationToken cancellationToken)
    {
        var bob = await CreateAccountAsync("bob", cancellationToken);
        await PublishAsync(Skill("Contoso.PrReview", "pr-review", "Reviews a pull request and reports findings.",
            "permissions:\n  network: [api.github.com]\n  env: [GITHUB_TOKEN]\n" + TypedOutput), cancellationToken: cancellationToken);
        await PublishAsync(Skill("Contoso.Summarize", "summarize", "Summarizes a long document in a paragraph."), cancellationToken: cancellationToken);
        await PublishAsync(Skill("Fabrikam.CodeReview", "code-review", "Review comments for a diff, from the code review MCP server.",
            "runtime:\n  type: mcp-tool\n  server: review\n  tool: review_diff\ndependencies:\n  mcp-servers: [review]\npermissions:\n  network: [review.fabrikam.example]\noutputs:\n  type: json\n"), bob, cancellationToken);
        await PublishAsync(Skill("Fabrikam.Translate", "translate", "Translates text between languages.", TypedOutput), bob, cancellationToken);
        await PublishAsync(Skill("Files.LineCount", "line-count", "Counts the lines of source files.",
            "permissions:\n  filesystem:\n    - path: \"**/*.cs\"\n      access: read\n" + TypedOutput), cancellationToken: cancellationToken);
        await PublishAsync(Skill("Weather.Today", "weather-today", "Tells today's weather for a city.",
            "permissions:\n  network: [weather.example]\n"), bob, cancellationToken);
        foreach (var i in Enumerable.Range(1, Total - 6))
        {
            await PublishAsync(Skill($"Helper.Tool{i:D2}", $"helper-tool-{i:D2}", $"Helper tool number {i} for paging."), cancellationToken: cancellationToken);
        }
    }

    private static SkillPackageBuilder Skill(string id, string name, string description, string frontmatter = "") =>
        new SkillPackageBuilder(id, "1.0.0") { Description = description }.AddStructuredSkill(name, description, frontmatter);
}
