using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>Reading typed values out of YAML nodes, reporting SKILL0108 when the type is wrong.</summary>
internal sealed partial class ManifestBinder
{
    private void Report(SkillDiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) =>
        _diagnostics.Add(descriptor.Create(span, args).InFile(_file));

    private void WrongType(FrontmatterNode node, string path, string expected) =>
        Report(SkillDiagnosticDescriptors.WrongValueType, node.Span, path, expected, node.KindDescription);

    /// <summary>Any non-null scalar's text: YAML has no way to tell "1.0" the string from 1.0 the number without quotes.</summary>
    private string? ReadString(FrontmatterNode node, string path)
    {
        if (node is FrontmatterScalar { IsNull: false } scalar)
        {
            return scalar.Value;
        }

        WrongType(node, path, "a string");
        return null;
    }

    private bool? ReadBoolean(FrontmatterNode node, string path)
    {
        if (node is FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } scalar)
        {
            return YamlScalars.IsTrue(scalar.Value);
        }

        WrongType(node, path, "true or false");
        return null;
    }

    private FrontmatterMapping? ReadMapping(FrontmatterNode node, string path)
    {
        if (node is FrontmatterMapping mapping)
        {
            return mapping;
        }

        WrongType(node, path, "a mapping");
        return null;
    }

    private IReadOnlyList<string> ReadStringList(FrontmatterNode node, string path) =>
        ReadScalarList(node, path).ConvertAll(scalar => scalar.Value);

    private List<FrontmatterScalar> ReadScalarList(FrontmatterNode node, string path)
    {
        var values = new List<FrontmatterScalar>();
        if (node is not FrontmatterSequence sequence)
        {
            WrongType(node, path, "a list of strings");
            return values;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is FrontmatterScalar { IsNull: false } scalar)
            {
                values.Add(scalar);
            }
            else
            {
                WrongType(sequence.Items[i], $"{path}[{i}]", "a string");
            }
        }

        return values;
    }

    /// <summary>Reports keys of a section that the spec does not define (usually typos).</summary>
    private void CheckKeys(FrontmatterMapping mapping, string section, string[] known)
    {
        foreach (var entry in mapping.Entries)
        {
            if (Array.IndexOf(known, entry.Name) < 0)
            {
                Report(SkillDiagnosticDescriptors.UnknownSectionKey, entry.Key.Span, entry.Name, section, string.Join(", ", known));
            }
        }
    }
}
