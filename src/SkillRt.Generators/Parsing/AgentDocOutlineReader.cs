using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;

namespace SkillRt.Generators;

/// <summary>
/// Reads what the build needs from an agent-doc.yaml (spec/AGENT-DOC-SPEC.md): <c>identity.name</c>,
/// <c>identity.version</c> and every <c>operations[].id</c>, with SkillRt's YAML parser. It does not
/// validate the rest of the document (<c>skillrt agent-doc validate</c> does; its reader needs .NET 8,
/// the generator runs on netstandard2.0). A file it cannot read gets SKILL0508 at the line to fix.
/// </summary>
internal static class AgentDocOutlineReader
{
    /// <summary>The agent-doc reader's own bound (AgentDocLimits.MaxFileBytes, 16 MiB).</summary>
    internal const int MaxFileBytes = 16 * 1024 * 1024;

    public static AgentDocOutline Read(AgentDocFileRequest request, CancellationToken cancellationToken)
    {
        var path = request.File.Path;
        var displayPath = SkillModelBuilder.RelativePath(path, request.ProjectDirectory);
        var start = new DiagnosticLocation(path, default, default);
        try
        {
            var text = request.File.GetText(cancellationToken);
            if (text is null)
            {
                return Unreadable(displayPath, start, "the file is missing or cannot be read");
            }

            var content = text.ToString();
            if (content.Length > MaxFileBytes / 3 && Encoding.UTF8.GetByteCount(content) > MaxFileBytes)
            {
                return Unreadable(displayPath, start, $"it is larger than {MaxFileBytes / (1024 * 1024)} MiB, the most an agent-doc may be");
            }

            var locator = new SourceLocator(path, content, text);
            var offset = content.Length > 0 && content[0] == '\uFEFF' ? 1 : 0;
            if (SkillParser.CheckNul(content, offset) is { } nul)
            {
                return Unreadable(displayPath, locator.Locate(nul.Span), "it contains a NUL character; an agent-doc must be text");
            }

            var problems = new List<SkillDiagnostic>();
            var root = YamlParser.Read(content, offset, content.Length, firstLine: 1, problems);
            cancellationToken.ThrowIfCancellationRequested();
            if (root is null)
            {
                var builder = ImmutableArray.CreateBuilder<DiagnosticSpec>();
                foreach (var problem in problems)
                {
                    if (problem.Severity == SkillDiagnosticSeverity.Error)
                    {
                        builder.Add(Problem(locator.Locate(problem.Span), problem.Message));
                    }
                }

                if (builder.Count == 0)
                {
                    builder.Add(Problem(start, "it is not YAML SkillRt can read"));
                }

                return new AgentDocOutline(displayPath, null, null, default, new EquatableArray<DiagnosticSpec>(builder.ToImmutable()));
            }

            return Outline(displayPath, root, locator);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Never a generator crash: the file is named, and so is the problem.
            return Unreadable(displayPath, start, $"SkillRt failed on it ({exception.GetType().Name}: {exception.Message}); please report this");
        }
    }

    private static AgentDocOutline Outline(string displayPath, FrontmatterMapping root, SourceLocator locator)
    {
        if (root.Find("agentDoc") is null)
        {
            return Unreadable(displayPath, locator.Locate(root.Entries.Count > 0 ? root.Entries[0].Key.Span : root.Span), "it has no 'agentDoc' key, so it is not an agent-doc (spec/AGENT-DOC-SPEC.md)");
        }

        if (root["identity"] is not FrontmatterMapping identity)
        {
            return Unreadable(displayPath, locator.Locate(root.Find("identity")?.Key.Span ?? root.Span), "it has no 'identity' mapping with the agent-doc's name and version");
        }

        // A missing field is reported at the 'identity' key, where it belongs; a wrong one at its value.
        var identityKey = root.Find("identity")!.Key.Span;
        if (identity["name"] is not FrontmatterScalar { IsNull: false, Value.Length: > 0 } name)
        {
            return Unreadable(displayPath, locator.Locate(identity.Find("name")?.Value.Span ?? identityKey), "'identity.name' is missing or not text");
        }

        if (identity["version"] is not FrontmatterScalar { IsNull: false, Value.Length: > 0 } version)
        {
            return Unreadable(displayPath, locator.Locate(identity.Find("version")?.Value.Span ?? identityKey), "'identity.version' is missing or not text");
        }

        var ids = ImmutableArray.CreateBuilder<string>();
        switch (root["operations"])
        {
            case null:
            case FrontmatterScalar { IsNull: true }:
                break;
            case FrontmatterSequence operations:
                for (var i = 0; i < operations.Items.Count; i++)
                {
                    var item = operations.Items[i];
                    if (item is not FrontmatterMapping operation || operation["id"] is not FrontmatterScalar { IsNull: false, Value.Length: > 0 } id)
                    {
                        return Unreadable(displayPath, locator.Locate(item.Span), $"operations[{i}] has no 'id'");
                    }

                    ids.Add(id.Value);
                }

                break;
            case var other:
                return Unreadable(displayPath, locator.Locate(other.Span), $"'operations' is {other.KindDescription}, not a list of operations");
        }

        return new AgentDocOutline(displayPath, name.Value, version.Value, new EquatableArray<string>(ids.ToImmutable()), default);
    }

    private static AgentDocOutline Unreadable(string displayPath, DiagnosticLocation location, string problem) =>
        new(displayPath, null, null, default, new EquatableArray<DiagnosticSpec>(ImmutableArray.Create(Problem(location, problem))));

    private static DiagnosticSpec Problem(DiagnosticLocation location, string problem) =>
        new(SkillDiagnosticDescriptors.UnreadableAgentDoc.Id, new EquatableArray<string>(ImmutableArray.Create(problem)), location);
}
