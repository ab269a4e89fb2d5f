namespace SkillRt.Generators;

/// <summary>The values of a skill's <c>SkillDescriptor</c>, ready to be written as C# literals.</summary>
internal sealed record DescriptorSpec(
    string Name,
    string? Version,
    string? Description,
    bool IsProse,
    string Instructions,
    int InstructionsLine,
    string InputSchema,
    string OutputType,
    string? OutputSchema,
    string RuntimeType,
    string? RuntimeMinVersion,
    EquatableArray<string> RuntimeCommand,
    string? RuntimeServer,
    string? RuntimeTool,
    EquatableArray<DependencySpec> SkillDependencies,
    EquatableArray<string> ToolDependencies,
    EquatableArray<string> McpServerDependencies,
    EquatableArray<string> NetworkPermissions,
    EquatableArray<FileRuleSpec> FilesystemPermissions,
    EquatableArray<string> EnvironmentPermissions,
    EquatableArray<string> Tags,
    string SourcePath,
    string ContentSha256);
