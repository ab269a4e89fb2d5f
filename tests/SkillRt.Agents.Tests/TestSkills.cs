using SkillRt.Tests;

namespace SkillRt.Agents.Tests;

/// <summary>The skills the agents are given in these tests, written into a <see cref="SkillFolderTree"/>.</summary>
internal static class TestSkills
{
    public const string ReleaseNotesOutput = """{"title":"SkillRt 2.1.0","highlights":["A faster parser","Fixed #12"]}""";

    public const string ReleaseNotes = """
        ---
        name: release-notes
        description: Writes release notes for a version from its list of changes. Use when the user asks for release notes.
        inputs:
          - name: version
            required: true
            description: The version being released, such as 2.1.0.
          - name: changes
            type: json
            required: true
            schema: { type: array, items: { type: string }, minItems: 1 }
        outputs:
          type: json
          schema:
            type: object
            required: [title, highlights]
            additionalProperties: false
            properties:
              title: { type: string }
              highlights: { type: array, items: { type: string } }
        ---
        Write release notes for {{ version }}, one highlight per change.
        Follow references/style.md.
        """;

    public const string Style = "# Release note style\n\nLead with what users gain; one line per highlight.\n";

    public const string CommitStyle = """
        # Commit message style

        Use this skill whenever you write a git commit message for this repository.
        """;

    /// <summary>Writes release-notes (with a reference) and the prose commit-style into <paramref name="folder"/>.</summary>
    public static SkillFolderTree WriteAll(this SkillFolderTree folder)
    {
        folder.Write("release-notes/SKILL.md", ReleaseNotes);
        folder.Write("release-notes/references/style.md", Style);
        folder.Write("release-notes/assets/logo.png", "not text, not offered");
        folder.Write("commit-style/SKILL.md", CommitStyle);
        return folder;
    }
}
