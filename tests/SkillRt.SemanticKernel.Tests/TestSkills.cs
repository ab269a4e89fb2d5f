using SkillRt.Tests;

namespace SkillRt.SemanticKernel.Tests;

/// <summary>The skills the kernel is offered in these tests, written into a <see cref="SkillFolderTree"/>.</summary>
internal static class TestSkills
{
    public const string ReleaseNotesOutput = """{"title":"SkillRt 2.1.0","highlights":["A faster parser","Fixed #12"]}""";

    /// <summary>A typed skill with every kind of parameter: text, JSON, integer and boolean, two with defaults.</summary>
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
            description: One line per change.
            schema: { type: array, items: { type: string }, minItems: 1 }
          - name: max_items
            type: integer
            default: 5
            description: The most highlights to write.
          - name: draft
            type: boolean
            default: false
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
        Write release notes for {{ version }} with at most {{ max_items }} highlights{% if draft %}, marked DRAFT{% endif %}.
        Changes: {{ changes | join: "; " }}
        """;

    public const string Translate = """
        ---
        name: translate
        description: Translates a short text into another language.
        inputs:
          - name: text
            required: true
          - name: language
            required: true
        ---
        Translate "{{ text }}" into {{ language }}.
        """;

    public const string CommitStyle = """
        # Commit message style

        Use this skill whenever you write a git commit message for this repository.
        """;

    /// <summary>Writes the three skills above into <paramref name="folder"/>.</summary>
    public static SkillFolderTree WriteAll(this SkillFolderTree folder)
    {
        folder.Write("release-notes/SKILL.md", ReleaseNotes);
        folder.Write("translate/SKILL.md", Translate);
        folder.Write("commit-style/SKILL.md", CommitStyle);
        return folder;
    }
}
