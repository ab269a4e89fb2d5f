using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NJsonSchema;
using SkillRt.Tests.Validation;
using Xunit;

namespace SkillRt.Tests.Spec;

/// <summary>
/// spec/frontmatter.schema.json must agree with the validator: it accepts every valid skill's
/// frontmatter and rejects each invalid fixture whose broken rule JSON Schema can express
/// (marked "# schema: rejects" in the fixture's expected.txt).
/// </summary>
public sealed class FrontmatterSchemaTests
{
    private static readonly Task<JsonSchema> Schema = JsonSchema.FromFileAsync(Path.Combine(TestPaths.Spec, "frontmatter.schema.json"));

    [Fact]
    public async Task Schema_declares_draft_2020_12()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(TestPaths.Spec, "frontmatter.schema.json"), TestContext.Current.CancellationToken);
        Assert.Contains("https://json-schema.org/draft/2020-12/schema", text, System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExampleSkillTests.ValidSkills), MemberType = typeof(ExampleSkillTests))]
    public async Task Schema_accepts_every_valid_skill(string relativePath)
    {
        var document = SkillDocument.Load(Path.Combine(TestPaths.RepositoryRoot, relativePath));
        if (document.Frontmatter is null)
        {
            Assert.Equal(SkillMode.Prose, document.Mode);
            return;
        }

        var errors = (await Schema).Validate(document.Frontmatter.ToJson());
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
    }

    [Theory]
    [MemberData(nameof(InvalidFixtureTests.Cases), MemberType = typeof(InvalidFixtureTests))]
    public async Task Schema_verdict_on_invalid_fixture_matches_its_declaration(string name)
    {
        var fixture = InvalidFixture.Load(name);
        var document = SkillDocument.Load(fixture.SkillPath);
        if (fixture.SchemaVerdict == "n/a")
        {
            // Parse errors: there is no frontmatter to hand to a schema validator.
            Assert.Null(document.Frontmatter);
            return;
        }

        Assert.Contains(fixture.SchemaVerdict, new[] { "rejects", "accepts" });
        var errors = (await Schema).Validate(document.Frontmatter!.ToJson());
        Assert.True(
            (fixture.SchemaVerdict == "rejects") == (errors.Count > 0),
            $"{name}: expected the schema to {fixture.SchemaVerdict[..^1]}, got {errors.Count} errors: {string.Join("; ", errors.Select(e => e.ToString()))}");
    }
}
