using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Generators;

/// <summary>Emits the object initializer of a skill's <c>SkillDescriptor</c>; values left at their defaults are omitted.</summary>
internal static class DescriptorEmitter
{
    private const string Runtime = "global::SkillRt";

    public static void EmitInitializers(SourceWriter writer, DescriptorSpec spec)
    {
        writer.WriteLine($"Name = {CSharpLiteral.String(spec.Name)},");
        if (spec.Version is { } version)
        {
            writer.WriteLine($"Version = {Runtime}.SemanticVersion.Parse({CSharpLiteral.String(version)}),");
        }

        if (spec.Description is { } description)
        {
            writer.WriteLine($"Description = {CSharpLiteral.String(description)},");
        }

        writer.WriteLine($"Mode = {Runtime}.SkillMode.{(spec.IsProse ? "Prose" : "Structured")},");
        writer.WriteLine($"Instructions = {CSharpLiteral.LargeString(spec.Instructions)},");
        writer.WriteLine($"InstructionsLine = {spec.InstructionsLine},");
        if (spec.IsTemplate)
        {
            writer.WriteLine("IsTemplate = true,");
        }

        writer.WriteLine($"InputSchema = {CSharpLiteral.LargeString(spec.InputSchema)},");
        writer.WriteLine($"OutputType = {Runtime}.SkillOutputType.{spec.OutputType},");
        if (spec.OutputSchema is { } outputSchema)
        {
            writer.WriteLine($"OutputSchema = {CSharpLiteral.LargeString(outputSchema)},");
        }

        if (spec.RuntimeType != "MarkdownSkill" || spec.RuntimeMinVersion is not null || spec.RuntimeCommand.Count > 0 || spec.RuntimeServer is not null || spec.RuntimeTool is not null || spec.RuntimeAllowTruncatedOutput
            || spec.ModelId is not null || spec.ModelTemperature is not null || spec.ModelMaxOutputTokens is not null)
        {
            var parts = new List<string> { $"Type = {Runtime}.SkillRuntimeType.{spec.RuntimeType}" };
            if (spec.RuntimeMinVersion is { } minVersion)
            {
                parts.Add($"MinVersion = {Runtime}.SemanticVersion.Parse({CSharpLiteral.String(minVersion)})");
            }

            if (spec.RuntimeCommand.Count > 0)
            {
                parts.Add("Command = " + Strings(spec.RuntimeCommand));
            }

            if (spec.RuntimeServer is { } server)
            {
                parts.Add($"Server = {CSharpLiteral.String(server)}");
            }

            if (spec.RuntimeTool is { } tool)
            {
                parts.Add($"Tool = {CSharpLiteral.String(tool)}");
            }

            if (spec.RuntimeAllowTruncatedOutput)
            {
                parts.Add("AllowTruncatedOutput = true");
            }

            if (spec.ModelId is not null || spec.ModelTemperature is not null || spec.ModelMaxOutputTokens is not null)
            {
                var hints = new List<string>();
                if (spec.ModelId is { } modelId)
                {
                    hints.Add($"Id = {CSharpLiteral.String(modelId)}");
                }

                if (spec.ModelTemperature is { } temperature)
                {
                    hints.Add($"Temperature = {CSharpLiteral.Double(temperature)}");
                }

                if (spec.ModelMaxOutputTokens is { } maxOutputTokens)
                {
                    hints.Add($"MaxOutputTokens = {maxOutputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
                }

                parts.Add($"Model = new {Runtime}.SkillModelHints {{ {string.Join(", ", hints)} }}");
            }

            writer.WriteLine($"Runtime = new {Runtime}.SkillRuntime {{ {string.Join(", ", parts)} }},");
        }

        if (spec.SkillDependencies.Count + spec.ToolDependencies.Count + spec.McpServerDependencies.Count + spec.AgentDocDependencies.Count > 0)
        {
            var parts = new List<string>();
            if (spec.SkillDependencies.Count > 0)
            {
                var items = spec.SkillDependencies.Select(d => d.Range is null
                    ? $"new {Runtime}.SkillDependency {{ Name = {CSharpLiteral.String(d.Name)} }}"
                    : $"new {Runtime}.SkillDependency {{ Name = {CSharpLiteral.String(d.Name)}, Range = {Runtime}.SkillVersionRange.Parse({CSharpLiteral.String(d.Range)}) }}");
                parts.Add($"Skills = new {Runtime}.SkillDependency[] {{ {string.Join(", ", items)} }}");
            }

            if (spec.ToolDependencies.Count > 0)
            {
                parts.Add("Tools = " + Strings(spec.ToolDependencies));
            }

            if (spec.McpServerDependencies.Count > 0)
            {
                parts.Add("McpServers = " + Strings(spec.McpServerDependencies));
            }

            if (spec.AgentDocDependencies.Count > 0)
            {
                var items = spec.AgentDocDependencies.Select(d =>
                {
                    var members = new List<string> { $"Name = {CSharpLiteral.String(d.Name)}" };
                    if (d.Range is not null)
                    {
                        members.Add($"Range = {Runtime}.SkillVersionRange.Parse({CSharpLiteral.String(d.Range)})");
                    }

                    if (d.Operations.Count > 0)
                    {
                        members.Add("Operations = " + Strings(d.Operations));
                    }

                    return $"new {Runtime}.SkillAgentDocDependency {{ {string.Join(", ", members)} }}";
                });
                parts.Add($"AgentDocs = new {Runtime}.SkillAgentDocDependency[] {{ {string.Join(", ", items)} }}");
            }

            writer.WriteLine($"Dependencies = new {Runtime}.SkillDependencies {{ {string.Join(", ", parts)} }},");
        }

        if (spec.MemoryKinds.Count + spec.MemoryReads.Count + spec.MemoryWrites.Count > 0)
        {
            var parts = new List<string>();
            if (spec.MemoryKinds.Count > 0)
            {
                var kinds = spec.MemoryKinds.Select(k =>
                    $"new {Runtime}.SkillMemoryKind {{ Name = {CSharpLiteral.String(k.Name)}, " +
                    (k.Description is null ? string.Empty : $"Description = {CSharpLiteral.String(k.Description)}, ") +
                    $"SchemaJson = {CSharpLiteral.String(k.SchemaJson)} }}");
                parts.Add($"Kinds = new {Runtime}.SkillMemoryKind[] {{ {string.Join(", ", kinds)} }}");
            }

            if (spec.MemoryReads.Count > 0)
            {
                parts.Add("Read = " + Grants(spec.MemoryReads));
            }

            if (spec.MemoryWrites.Count > 0)
            {
                parts.Add("Write = " + Grants(spec.MemoryWrites));
            }

            writer.WriteLine($"Memory = new {Runtime}.SkillMemory {{ {string.Join(", ", parts)} }},");
        }

        if (spec.NetworkPermissions.Count + spec.FilesystemPermissions.Count + spec.EnvironmentPermissions.Count > 0)
        {
            var parts = new List<string>();
            if (spec.NetworkPermissions.Count > 0)
            {
                parts.Add("Network = " + Strings(spec.NetworkPermissions));
            }

            if (spec.FilesystemPermissions.Count > 0)
            {
                var rules = spec.FilesystemPermissions.Select(r =>
                    $"new {Runtime}.SkillFilesystemRule {{ Pattern = {CSharpLiteral.String(r.Pattern)}, Access = {Runtime}.SkillFileAccess.{(r.ReadOnly ? "Read" : "ReadWrite")} }}");
                parts.Add($"Filesystem = new {Runtime}.SkillFilesystemRule[] {{ {string.Join(", ", rules)} }}");
            }

            if (spec.EnvironmentPermissions.Count > 0)
            {
                parts.Add("Environment = " + Strings(spec.EnvironmentPermissions));
            }

            writer.WriteLine($"Permissions = new {Runtime}.SkillPermissions {{ {string.Join(", ", parts)} }},");
        }

        if (spec.Tags.Count > 0)
        {
            writer.WriteLine($"Tags = {Strings(spec.Tags)},");
        }

        writer.WriteLine($"SourcePath = {CSharpLiteral.String(spec.SourcePath)},");
        writer.WriteLine($"ContentSha256 = {CSharpLiteral.String(spec.ContentSha256)},");
    }

    private static string Grants(EquatableArray<MemoryGrantSpec> grants) =>
        $"new {Runtime}.SkillMemoryGrant[] {{ {string.Join(", ", grants.Select(g =>
            $"new {Runtime}.SkillMemoryGrant {{ Namespace = {CSharpLiteral.String(g.Namespace)}" +
            (g.IncludesSubNamespaces ? ", IncludesSubNamespaces = true" : string.Empty) +
            (g.Kinds.Count > 0 ? ", Kinds = " + Strings(g.Kinds) : string.Empty) + " }"))} }}";

    private static string Strings(EquatableArray<string> values) => $"new string[] {{ {string.Join(", ", values.Select(CSharpLiteral.String))} }}";
}
