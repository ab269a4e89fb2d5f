namespace SkillRt;

/// <summary>
/// Where each diagnostic is explained: its entry in <c>spec/diagnostics.md</c>, which gives every ID
/// an anchor of its own (<c>#skill0107</c>), so the link does not change when a title is reworded.
/// The command-line tool, the build's tasks and the source generator all link there.
/// </summary>
public static class SkillDiagnosticHelp
{
    /// <summary>
    /// The address of the catalogue, the one place to change it. The repository has no public home yet;
    /// this is where it is expected, on GitHub.
    /// </summary>
    public const string CatalogueUrl = "https://github.com/skillrt/skillrt/blob/main/spec/diagnostics.md";

    /// <summary>The link to the catalogue entry of <paramref name="id"/>, such as <c>…/spec/diagnostics.md#skill0107</c>.</summary>
    /// <param name="id">A diagnostic ID, <c>SKILLnnnn</c>, <c>ADOCnnnn</c> for agent-doc.yaml or <c>EVALnnnn</c> for evals/*.yaml (their specs' catalogues).</param>
    /// <returns>The catalogue's address with the ID's anchor.</returns>
    public static string LinkFor(string id)
    {
        var anchor = (id ?? string.Empty).ToLowerInvariant();

        // agent-doc.yaml's diagnostics (ADOCnnnn) and the eval files' (EVALnnnn) share this machinery; each
        // catalogue is its spec's own section.
        if (anchor.StartsWith("adoc", System.StringComparison.Ordinal))
        {
            return AgentDocCatalogueUrl + "#" + anchor;
        }

        return anchor.StartsWith("eval", System.StringComparison.Ordinal) ? EvalCatalogueUrl + "#" + anchor : CatalogueUrl + "#" + anchor;
    }

    // Internal: the agent-doc library is not part of the published surface yet.
    internal const string AgentDocCatalogueUrl = "https://github.com/skillrt/skillrt/blob/main/spec/AGENT-DOC-SPEC.md";

    // Internal for the same reason: the evaluation library is not published yet.
    internal const string EvalCatalogueUrl = "https://github.com/skillrt/skillrt/blob/main/spec/EVAL-SPEC.md";
}
