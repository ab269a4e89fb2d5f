using System.IO;
using System.Linq;

namespace SkillRt.Tests.Validation;

/// <summary>
/// A fixture folder: SKILL.md plus expected.txt. The first line of expected.txt is
/// <c># schema: rejects</c> or <c># schema: accepts</c>, saying whether spec/frontmatter.schema.json
/// can express the broken rule; the other lines are the expected diagnostics.
/// </summary>
internal sealed class InvalidFixture
{
    private InvalidFixture(string name, string directory, string schemaVerdict, string expectedDiagnostics)
    {
        Name = name;
        Directory = directory;
        SchemaVerdict = schemaVerdict;
        ExpectedDiagnostics = expectedDiagnostics;
    }

    public string Name { get; }

    public string Directory { get; }

    public string SkillPath => Path.Combine(Directory, "SKILL.md");

    /// <summary><c>rejects</c>, <c>accepts</c> or <c>n/a</c> (no frontmatter to check).</summary>
    public string SchemaVerdict { get; }

    public string ExpectedDiagnostics { get; }

    private string ExpectedPath => Path.Combine(Directory, "expected.txt");

    public static InvalidFixture Load(string name)
    {
        var directory = Path.Combine(TestPaths.Fixtures, "Invalid", name);
        var expectedPath = Path.Combine(directory, "expected.txt");
        var lines = File.Exists(expectedPath) ? File.ReadAllLines(expectedPath) : ["# schema: unknown"];
        var verdict = lines[0].StartsWith("# schema: ", System.StringComparison.Ordinal) ? lines[0].Substring("# schema: ".Length).Trim() : "unknown";
        var diagnostics = string.Join("\n", lines.Skip(1).Where(line => line.Length > 0));
        return new InvalidFixture(name, directory, verdict, diagnostics);
    }

    public SkillValidationResult Validate() => SkillValidator.Validate(SkillDocument.Load(SkillPath));

    public void WriteExpected(string diagnostics) =>
        File.WriteAllText(ExpectedPath, "# schema: " + SchemaVerdict + "\n" + diagnostics + (diagnostics.Length > 0 ? "\n" : string.Empty));
}
