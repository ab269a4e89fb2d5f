using System;
using System.Collections.Generic;
using System.Globalization;
using SkillRt.Registry.Tests;

namespace SkillRt.RegistryLoad;

/// <summary>
/// Deterministic skill packages for the load run: package <c>i</c> has a name and description drawn
/// from small word lists (so searches hit many packages, as real ones do), one of several input types,
/// JSON or text output, and network permission on some. The same index always gives the same bytes.
/// </summary>
internal static class GeneratedSkills
{
    private static readonly string[] Verbs = ["review", "summarize", "triage", "translate", "classify", "extract", "draft", "check", "format", "explain"];
    private static readonly string[] Objects = ["pull-request", "issue", "invoice", "changelog", "email", "contract", "log", "ticket", "release", "schema"];
    private static readonly string[] Words = ["security", "style", "github", "billing", "legal", "support", "ops", "data", "docs", "release", "quality", "search"];
    private static readonly string[] InputTypes = ["url", "string", "number", "json", "boolean"];

    public static string Id(int index) =>
        $"{Verbs[index % Verbs.Length]}-{Objects[index / Verbs.Length % Objects.Length]}-{index.ToString("D5", CultureInfo.InvariantCulture)}";

    public static string Version(int release) => $"1.{release}.0";

    /// <param name="index">The package.</param>
    /// <param name="release">The version.</param>
    /// <param name="skillKb">Pads the skill with a references/notes.md of prose to about this many KiB (0: none), to measure what scanning a real-size skill costs.</param>
    public static byte[] Build(int index, int release, int skillKb = 0)
    {
        var id = Id(index);
        var version = Version(release);
        var word = Words[index % Words.Length];
        var other = Words[(index / 3) % Words.Length];
        var inputType = InputTypes[index % InputTypes.Length];
        var json = index % 2 == 0;
        var builder = new SkillPackageBuilder(id, version) { Description = $"{Verbs[index % Verbs.Length]} a {Objects[index / Verbs.Length % Objects.Length]} for {word} and {other} work." };
        var frontmatter = new List<string>
        {
            $"tags: [{word}, {other}]",
            "inputs:",
            $"  - name: {word}_source",
            $"    type: {inputType}",
            "    required: true",
        };
        if (json)
        {
            frontmatter.AddRange(["outputs:", "  type: json", "  schema:", "    type: object", "    required: [summary]", "    properties:", "      summary: {type: string}"]);
        }

        if (index % 3 == 0)
        {
            frontmatter.AddRange(["permissions:", "  network: [api.example.com]"]);
        }

        if (skillKb > 0)
        {
            var notes = new System.Text.StringBuilder();
            for (var line = 0; notes.Length < skillKb * 1024; line++)
            {
                notes.Append("Step ").Append(line).Append(": read the ").Append(Objects[line % Objects.Length]).Append(", check the ").Append(Words[line % Words.Length])
                    .Append(" notes, and write a short ").Append(Verbs[line % Verbs.Length]).Append(" summary for the team; keep `").Append(Words[(line + 1) % Words.Length]).Append("` terms as they are.\n");
            }

            builder.AddEntry($"skills/{id}/references/notes.md", notes.ToString());
        }

        builder.AddSkill(id, $"---\nname: {id}\nversion: {version}\ndescription: {builder.Description}\n{string.Join('\n', frontmatter)}\n---\nWork on {{{{ {word}_source }}}} carefully; answer for the {other} team.\n");
        return builder.Build();
    }

    /// <summary>The queries the search phase cycles through: words, ids, filters, a typo.</summary>
    public static IReadOnlyList<string> Queries { get; } =
    [
        "review", "security", "invoice", "summarize email", "triage issue", "billing", "reveiw", "changelog release",
        "runtime:markdown-skill", "output:json", "permission:network", "input:url", "classify ticket output:json",
        "docs", "extract contract legal", "format log ops",
    ];
}
