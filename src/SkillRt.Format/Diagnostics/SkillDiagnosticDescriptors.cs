using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// Every diagnostic the parser and validator can report. IDs are grouped by area:
/// 00xx file and YAML syntax, 01xx metadata, 02xx runtime, 03xx inputs, 04xx outputs,
/// 05xx dependencies, 06xx permissions, 07xx body template, 08xx packing, 09xx size limits.
/// </summary>
public static class SkillDiagnosticDescriptors
{
    private const SkillDiagnosticSeverity Error = SkillDiagnosticSeverity.Error;
    private const SkillDiagnosticSeverity Warning = SkillDiagnosticSeverity.Warning;
    private const SkillDiagnosticSeverity Info = SkillDiagnosticSeverity.Info;

    /// <summary>SKILL0001: the frontmatter has no closing <c>---</c> line.</summary>
    public static SkillDiagnosticDescriptor UnterminatedFrontmatter { get; } = new(
        "SKILL0001", Error, "Unterminated frontmatter",
        "The frontmatter opened on line {0} is never closed; add a line containing only '---' after the last YAML line");

    /// <summary>SKILL0002: the frontmatter is not valid YAML.</summary>
    public static SkillDiagnosticDescriptor YamlSyntaxError { get; } = new(
        "SKILL0002", Error, "YAML syntax error",
        "YAML syntax error: {0}");

    /// <summary>SKILL0003: a mapping holds the same key twice.</summary>
    public static SkillDiagnosticDescriptor DuplicateKey { get; } = new(
        "SKILL0003", Error, "Duplicate key",
        "Duplicate key '{0}' (first defined on line {1}); remove one of them");

    /// <summary>SKILL0004: the file is larger than the parser accepts.</summary>
    public static SkillDiagnosticDescriptor FileTooLarge { get; } = new(
        "SKILL0004", Error, "File too large",
        "The file is {0} bytes; a SKILL.md may be at most {1} bytes. Move large content into references/ or assets/");

    /// <summary>SKILL0005: the file is not valid UTF-8.</summary>
    public static SkillDiagnosticDescriptor InvalidUtf8 { get; } = new(
        "SKILL0005", Error, "Invalid UTF-8",
        "The file is not valid UTF-8 (byte 0x{0} at byte offset {1}); save it as UTF-8");

    /// <summary>SKILL0006: the file contains a NUL character.</summary>
    public static SkillDiagnosticDescriptor NulCharacter { get; } = new(
        "SKILL0006", Error, "NUL character",
        "The file contains a NUL character; a SKILL.md must be text. Remove it");

    /// <summary>SKILL0007: YAML aliases expand to more nodes than allowed.</summary>
    public static SkillDiagnosticDescriptor AliasExpansionLimit { get; } = new(
        "SKILL0007", Error, "YAML alias expansion too large",
        "YAML aliases expand the frontmatter to more than {0} nodes; write the values out or use fewer aliases");

    /// <summary>SKILL0008: the YAML nests deeper than allowed.</summary>
    public static SkillDiagnosticDescriptor NestingTooDeep { get; } = new(
        "SKILL0008", Error, "YAML nested too deeply",
        "The frontmatter nests more than {0} levels deep; flatten it");

    /// <summary>SKILL0009: the frontmatter is not a single YAML mapping.</summary>
    public static SkillDiagnosticDescriptor FrontmatterNotMapping { get; } = new(
        "SKILL0009", Error, "Frontmatter is not a mapping",
        "The frontmatter must be a single YAML mapping of keys to values (found {0})");

    /// <summary>SKILL0010: the YAML uses a construct SkillRt does not accept.</summary>
    public static SkillDiagnosticDescriptor UnsupportedYaml { get; } = new(
        "SKILL0010", Error, "Unsupported YAML construct",
        "{0}");

    /// <summary>SKILL0011: a Markdown file given to SkillRt is not a skill (spec section 2.5) and is skipped.</summary>
    public static SkillDiagnosticDescriptor NotASkillFile { get; } = new(
        "SKILL0011", Info, "Not a skill file",
        "'{0}' is not a skill and is skipped: {1}");

    /// <summary>SKILL0101: a structured skill has no name.</summary>
    public static SkillDiagnosticDescriptor MissingName { get; } = new(
        "SKILL0101", Error, "Missing name",
        "The frontmatter has no 'name'; add 'name: {0}'");

    /// <summary>SKILL0102: the name breaks the naming rules.</summary>
    public static SkillDiagnosticDescriptor InvalidName { get; } = new(
        "SKILL0102", Error, "Invalid name",
        "The name '{0}' is invalid: {1}");

    /// <summary>SKILL0103: the name differs from the folder that holds SKILL.md.</summary>
    public static SkillDiagnosticDescriptor NameFolderMismatch { get; } = new(
        "SKILL0103", Warning, "Name does not match folder",
        "The name '{0}' does not match the folder '{1}'; Agent Skills tools expect them to be equal. Rename one of them");

    /// <summary>SKILL0104: a structured skill has no description.</summary>
    public static SkillDiagnosticDescriptor MissingDescription { get; } = new(
        "SKILL0104", Error, "Missing description",
        "The frontmatter has no 'description'; add one sentence saying what the skill does and when to use it");

    /// <summary>SKILL0105: the description is empty or too long.</summary>
    public static SkillDiagnosticDescriptor InvalidDescription { get; } = new(
        "SKILL0105", Error, "Invalid description length",
        "The description is {0} characters long; it must be 1 to {1} characters");

    /// <summary>SKILL0106: a skill that uses SkillRt's own keys has no version (Agent Skills files are not asked for one).</summary>
    public static SkillDiagnosticDescriptor MissingVersion { get; } = new(
        "SKILL0106", Warning, "Missing version",
        "The frontmatter uses SkillRt keys but has no 'version'; add 'version: 1.0.0' so consumers can depend on a version range");

    /// <summary>SKILL0107: the version is not SemVer 2.0.0.</summary>
    public static SkillDiagnosticDescriptor InvalidVersion { get; } = new(
        "SKILL0107", Error, "Invalid version",
        "'{0}' is not a SemVer 2.0.0 version; write MAJOR.MINOR.PATCH, for example '1.0.0' or '2.1.0-beta.1'");

    /// <summary>SKILL0108: a value has the wrong YAML type.</summary>
    public static SkillDiagnosticDescriptor WrongValueType { get; } = new(
        "SKILL0108", Error, "Wrong value type",
        "'{0}' must be {1}, but is {2}");

    /// <summary>SKILL0109: the compatibility text is too long.</summary>
    public static SkillDiagnosticDescriptor CompatibilityTooLong { get; } = new(
        "SKILL0109", Error, "Compatibility too long",
        "'compatibility' is {0} characters long; it may be at most {1} characters");

    /// <summary>SKILL0110: a top-level key SkillRt does not know; it is preserved.</summary>
    public static SkillDiagnosticDescriptor UnknownKey { get; } = new(
        "SKILL0110", Info, "Unknown key preserved",
        "'{0}' is not a SkillRt or Agent Skills key; it is preserved but not used");

    /// <summary>SKILL0111: an unknown key inside a section SkillRt defines, usually a typo.</summary>
    public static SkillDiagnosticDescriptor UnknownSectionKey { get; } = new(
        "SKILL0111", Warning, "Unknown key in section",
        "'{0}' is not a known key of '{1}' and is ignored; expected one of: {2}");

    /// <summary>SKILL0112: a <c>metadata</c> value that is not text, which Agent Skills tools may not read.</summary>
    public static SkillDiagnosticDescriptor NonTextMetadataValue { get; } = new(
        "SKILL0112", Warning, "Metadata value is not text",
        "'metadata.{0}' is {1}; Agent Skills defines metadata values as text, so other tools may not read it. It is kept as its JSON text; to be portable, write it as one string (for example JSON in quotes)");

    /// <summary>SKILL0201: the runtime type is not one SkillRt knows.</summary>
    public static SkillDiagnosticDescriptor UnknownRuntimeType { get; } = new(
        "SKILL0201", Error, "Unknown runtime type",
        "Unknown runtime type '{0}'; use one of: markdown-skill, anthropic-skill, process, mcp-tool");

    /// <summary>SKILL0202: runtime.min-version is not SemVer.</summary>
    public static SkillDiagnosticDescriptor InvalidRuntimeMinVersion { get; } = new(
        "SKILL0202", Error, "Invalid runtime min-version",
        "'{0}' is not a SemVer 2.0.0 version; write the lowest SkillRt version this skill needs, for example '0.2.0'");

    /// <summary>SKILL0203: a field the runtime type needs is missing.</summary>
    public static SkillDiagnosticDescriptor MissingRuntimeField { get; } = new(
        "SKILL0203", Error, "Missing runtime field",
        "Runtime type '{0}' needs 'runtime.{1}'; {2}");

    /// <summary>SKILL0204: a runtime.model hint is out of range.</summary>
    public static SkillDiagnosticDescriptor InvalidModelHint { get; } = new(
        "SKILL0204", Error, "Invalid model hint",
        "'runtime.model.{0}' is {1}; {2}");

    /// <summary>SKILL0301: an input has no name or an invalid one.</summary>
    public static SkillDiagnosticDescriptor InvalidInputName { get; } = new(
        "SKILL0301", Error, "Invalid input name",
        "{0}; input names start with a letter or '_' and hold only letters, digits, '_' and '-' (at most 64)");

    /// <summary>SKILL0302: two inputs share a name, or their C# property names collide.</summary>
    public static SkillDiagnosticDescriptor DuplicateInputName { get; } = new(
        "SKILL0302", Error, "Duplicate input name",
        "{0}; rename one of the inputs");

    /// <summary>SKILL0303: the input type is not one SkillRt knows.</summary>
    public static SkillDiagnosticDescriptor UnknownInputType { get; } = new(
        "SKILL0303", Error, "Unknown input type",
        "Unknown input type '{0}'; use one of: string, number, integer, boolean, file, url, json");

    /// <summary>SKILL0304: an input's default does not match its type.</summary>
    public static SkillDiagnosticDescriptor DefaultTypeMismatch { get; } = new(
        "SKILL0304", Error, "Default does not match type",
        "The default of input '{0}' {1}");

    /// <summary>SKILL0305: an input is required and also has a default.</summary>
    public static SkillDiagnosticDescriptor RequiredWithDefault { get; } = new(
        "SKILL0305", Error, "Required input has a default",
        "Input '{0}' is required and has a default, which would never be used; remove 'required: true' or the default");

    /// <summary>SKILL0306: an input's enum values are invalid.</summary>
    public static SkillDiagnosticDescriptor InvalidEnum { get; } = new(
        "SKILL0306", Error, "Invalid enum",
        "The enum of input '{0}' is invalid: {1}");

    /// <summary>SKILL0307: a schema on an input that is not json.</summary>
    public static SkillDiagnosticDescriptor SchemaOnNonJsonInput { get; } = new(
        "SKILL0307", Error, "Schema on a non-json input",
        "Input '{0}' has type '{1}', but only 'json' inputs may have a 'schema'; change the type to json or remove the schema");

    /// <summary>SKILL0401: the output type is not one SkillRt knows.</summary>
    public static SkillDiagnosticDescriptor UnknownOutputType { get; } = new(
        "SKILL0401", Error, "Unknown output type",
        "Unknown output type '{0}'; use one of: text, json, file");

    /// <summary>SKILL0402: a JSON Schema is malformed.</summary>
    public static SkillDiagnosticDescriptor MalformedSchema { get; } = new(
        "SKILL0402", Error, "Malformed JSON Schema",
        "Invalid JSON Schema at '{0}': {1}");

    /// <summary>SKILL0403: a JSON Schema keyword outside the subset SkillRt enforces.</summary>
    public static SkillDiagnosticDescriptor UnsupportedSchemaKeyword { get; } = new(
        "SKILL0403", Warning, "Unsupported JSON Schema keyword",
        "JSON Schema keyword '{0}' at '{1}' is not supported by SkillRt and is not enforced; see spec/SKILL-SPEC.md for the supported keywords");

    /// <summary>SKILL0404: an output schema on an output that is not json.</summary>
    public static SkillDiagnosticDescriptor SchemaIgnored { get; } = new(
        "SKILL0404", Warning, "Output schema ignored",
        "The output type is '{0}', so its schema is ignored; set 'outputs.type: json' to use it");

    /// <summary>SKILL0405: a <c>$ref</c> leads back to itself without going into a part of the value.</summary>
    public static SkillDiagnosticDescriptor CyclicSchemaReference { get; } = new(
        "SKILL0405", Error, "Cyclic schema reference",
        "Cyclic $ref at '{0}': '{1}' leads back to itself without going into a property or an item of the value ({2}), so checking a value against it would never end. Recurse through 'properties' or 'items', or remove the reference");

    /// <summary>SKILL0501: a skill dependency is not <c>name@range</c>.</summary>
    public static SkillDiagnosticDescriptor InvalidSkillDependency { get; } = new(
        "SKILL0501", Error, "Invalid skill dependency",
        "Skill dependency '{0}' is invalid: {1}; write 'name', 'name@1.2.3', 'name@^1.2', 'name@~1.2' or 'name@[1.0,2.0)'");

    /// <summary>SKILL0502: a tool dependency is not a command name.</summary>
    public static SkillDiagnosticDescriptor InvalidToolName { get; } = new(
        "SKILL0502", Error, "Invalid tool name",
        "Tool '{0}' is not a command name; list the executable's name as found on PATH, for example 'git' or 'gh'");

    /// <summary>SKILL0503: an MCP server dependency name is invalid.</summary>
    public static SkillDiagnosticDescriptor InvalidMcpServerName { get; } = new(
        "SKILL0503", Error, "Invalid MCP server name",
        "MCP server '{0}' is not a valid server name; use the key it has in mcp.json (letters, digits, '.', '_', '-', '@', '/')");

    /// <summary>SKILL0504: the same dependency is listed twice.</summary>
    public static SkillDiagnosticDescriptor DuplicateDependency { get; } = new(
        "SKILL0504", Warning, "Duplicate dependency",
        "'{0}' is listed more than once in 'dependencies.{1}'; remove the repeat");

    /// <summary>SKILL0505: an agent-doc dependency is not <c>name@range</c> or <c>{doc, operations}</c>.</summary>
    public static SkillDiagnosticDescriptor InvalidAgentDocDependency { get; } = new(
        "SKILL0505", Error, "Invalid agent-doc dependency",
        "Agent-doc dependency '{0}' is invalid: {1}; write 'name@range' such as 'resend@^1.5', or a mapping such as '{{doc: resend@^1.5, operations: [SendEmail]}}'");

    /// <summary>SKILL0506: the build found the declared agent-doc, and it has no operation with a listed ID.</summary>
    public static SkillDiagnosticDescriptor UnknownAgentDocOperation { get; } = new(
        "SKILL0506", Error, "Unknown agent-doc operation",
        "The agent-doc '{1}' {2} ('{3}') has no operation '{0}'{4}; fix the operation ID in dependencies.agent-docs, or change the range to a version that has it");

    /// <summary>SKILL0507: the project's agent-docs of a declared name are all outside the declared range.</summary>
    public static SkillDiagnosticDescriptor AgentDocVersionNotInRange { get; } = new(
        "SKILL0507", Error, "No agent-doc version in range",
        "No AgentDoc item of '{0}' has a version in '{1}': the project has {2}; change the range in dependencies.agent-docs, or add an AgentDoc item with a version it accepts");

    /// <summary>SKILL0508: an <c>AgentDoc</c> item the build cannot read a name, version and operation IDs from.</summary>
    public static SkillDiagnosticDescriptor UnreadableAgentDoc { get; } = new(
        "SKILL0508", Error, "Agent-doc cannot be read",
        "This AgentDoc item cannot be read, so skills cannot be checked against it: {0}. Fix the file ('skillrt agent-doc validate' checks it in full), or remove the AgentDoc item");

    /// <summary>SKILL0601: a network permission entry is not a host.</summary>
    public static SkillDiagnosticDescriptor InvalidNetworkPermission { get; } = new(
        "SKILL0601", Error, "Invalid network permission",
        "Network permission '{0}' is invalid: {1}; hosts look like 'api.github.com', '*.github.com', 'localhost:8080' or '*'");

    /// <summary>SKILL0602: a filesystem permission entry is not a valid glob.</summary>
    public static SkillDiagnosticDescriptor InvalidFilesystemPermission { get; } = new(
        "SKILL0602", Error, "Invalid filesystem permission",
        "Filesystem permission '{0}' is invalid: {1}");

    /// <summary>SKILL0603: an environment permission entry is not a variable name.</summary>
    public static SkillDiagnosticDescriptor InvalidEnvPermission { get; } = new(
        "SKILL0603", Error, "Invalid environment permission",
        "'{0}' is not an environment variable name; use letters, digits and '_', not starting with a digit");

    /// <summary>SKILL0604: a memory kind's name or declaration is invalid.</summary>
    public static SkillDiagnosticDescriptor InvalidMemoryKind { get; } = new(
        "SKILL0604", Error, "Invalid memory kind",
        "Memory kind '{0}' in {1} is invalid: {2}");

    /// <summary>SKILL0605: a memory grant's namespace is invalid.</summary>
    public static SkillDiagnosticDescriptor InvalidMemoryNamespace { get; } = new(
        "SKILL0605", Error, "Invalid memory namespace",
        "Memory namespace '{0}' in {1} is invalid: {2}; write 1-8 segments of a-z, 0-9 and '-' separated by '/', such as 'acme/payments', or end it with '/*' for every namespace below it");

    /// <summary>SKILL0606: a memory kind, grant or grant's kind is declared twice.</summary>
    public static SkillDiagnosticDescriptor DuplicateMemoryEntry { get; } = new(
        "SKILL0606", Warning, "Duplicate memory entry",
        "'{0}' is listed more than once in '{1}'; remove the repeat");

    /// <summary>SKILL0701: the body template names something that is not a declared input.</summary>
    public static SkillDiagnosticDescriptor UndeclaredTemplateVariable { get; } = new(
        "SKILL0701", Error, "Template names an undeclared input",
        "'{0}' is not a declared input, so every run that renders it fails; declare it under 'inputs' or fix the name");

    /// <summary>SKILL0702: a template expression is never closed.</summary>
    public static SkillDiagnosticDescriptor UnterminatedTemplate { get; } = new(
        "SKILL0702", Error, "Unterminated template expression",
        "'{0}' is never closed with '{1}'; close it, or wrap literal braces in '{{% raw %}}…{{% endraw %}}'");

    /// <summary>SKILL0703: a block tag of the body template has no end tag.</summary>
    public static SkillDiagnosticDescriptor UnclosedTemplateBlock { get; } = new(
        "SKILL0703", Error, "Template block is never closed",
        "'{{% {0} %}}' is never closed with '{{% end{0} %}}', so the template cannot be parsed and every run fails; add the end tag where the block ends");

    /// <summary>SKILL0704: a tag of the body template is outside the block it belongs to.</summary>
    public static SkillDiagnosticDescriptor MisplacedTemplateTag { get; } = new(
        "SKILL0704", Error, "Template tag out of place",
        "'{{% {0} %}}' is out of place: {1}");

    /// <summary>SKILL0705: the body template uses a tag the runtime cannot render.</summary>
    public static SkillDiagnosticDescriptor UnavailableTemplateTag { get; } = new(
        "SKILL0705", Error, "Template tag not available",
        "'{{% {0} %}}' cannot be rendered: {1}");

    /// <summary>SKILL0801: a packed skill's version would mislead consumers of its package.</summary>
    public static SkillDiagnosticDescriptor SkillVersionDisagreesWithPackage { get; } = new(
        "SKILL0801", Warning, "Skill version disagrees with package version",
        "{0}");

    /// <summary>SKILL0802: two packed skills share a name.</summary>
    public static SkillDiagnosticDescriptor DuplicatePackedSkill { get; } = new(
        "SKILL0802", Error, "Two packed skills with one name",
        "Another packed skill is also named '{0}' ({1}); a package holds one skill per name. Rename one, or set Pack=\"false\" on one SkillFile item");

    /// <summary>SKILL0803: publishing a package after `dotnet pack` failed.</summary>
    public static SkillDiagnosticDescriptor PublishFailed { get; } = new(
        "SKILL0803", Error, "Package not published",
        "{0}");

    /// <summary>SKILL0901: more inputs than a skill may declare.</summary>
    public static SkillDiagnosticDescriptor TooManyInputs { get; } = new(
        "SKILL0901", Error, "Too many inputs",
        "The skill declares {0} inputs; at most {1} are allowed. Group related inputs into a json input with a schema");

    /// <summary>SKILL0902: an enum lists more values than allowed.</summary>
    public static SkillDiagnosticDescriptor TooManyEnumValues { get; } = new(
        "SKILL0902", Error, "Too many enum values",
        "The enum at '{0}' lists {1} values; at most {2} are allowed. For an open-ended set, use a string with a pattern instead");

    /// <summary>SKILL0903: an object schema has more properties than allowed.</summary>
    public static SkillDiagnosticDescriptor TooManyProperties { get; } = new(
        "SKILL0903", Error, "Too many properties",
        "The schema at '{0}' has {1} properties; at most {2} are allowed. Group them into nested objects");

    /// <summary>SKILL0904: schemas nest deeper than allowed.</summary>
    public static SkillDiagnosticDescriptor SchemaTooDeep { get; } = new(
        "SKILL0904", Error, "Schema nested too deeply",
        "The schema at '{0}' is nested {1} levels deep; at most {2} are allowed. Flatten it, or name the inner schema in $defs and refer to it with $ref");

    /// <summary>SKILL0905: one schema holds more schemas in all than allowed.</summary>
    public static SkillDiagnosticDescriptor SchemaTooLarge { get; } = new(
        "SKILL0905", Error, "Schema too large",
        "'{0}' holds more than {1} schemas in all; make it smaller, or share repeated parts through $defs and $ref");

    /// <summary>SKILL0906: a pattern is longer than allowed.</summary>
    public static SkillDiagnosticDescriptor PatternTooLong { get; } = new(
        "SKILL0906", Error, "Pattern too long",
        "The pattern at '{0}' is {1} characters long; at most {2} are allowed");

    /// <summary>All descriptors, in ID order.</summary>
    public static IReadOnlyList<SkillDiagnosticDescriptor> All { get; } =
    [
        UnterminatedFrontmatter, YamlSyntaxError, DuplicateKey, FileTooLarge, InvalidUtf8, NulCharacter,
        AliasExpansionLimit, NestingTooDeep, FrontmatterNotMapping, UnsupportedYaml, NotASkillFile,
        MissingName, InvalidName, NameFolderMismatch, MissingDescription, InvalidDescription, MissingVersion,
        InvalidVersion, WrongValueType, CompatibilityTooLong, UnknownKey, UnknownSectionKey, NonTextMetadataValue,
        UnknownRuntimeType, InvalidRuntimeMinVersion, MissingRuntimeField, InvalidModelHint,
        InvalidInputName, DuplicateInputName, UnknownInputType, DefaultTypeMismatch, RequiredWithDefault,
        InvalidEnum, SchemaOnNonJsonInput,
        UnknownOutputType, MalformedSchema, UnsupportedSchemaKeyword, SchemaIgnored, CyclicSchemaReference,
        InvalidSkillDependency, InvalidToolName, InvalidMcpServerName, DuplicateDependency, InvalidAgentDocDependency,
        UnknownAgentDocOperation, AgentDocVersionNotInRange, UnreadableAgentDoc,
        InvalidNetworkPermission, InvalidFilesystemPermission, InvalidEnvPermission,
        InvalidMemoryKind, InvalidMemoryNamespace, DuplicateMemoryEntry,
        UndeclaredTemplateVariable, UnterminatedTemplate, UnclosedTemplateBlock, MisplacedTemplateTag, UnavailableTemplateTag,
        SkillVersionDisagreesWithPackage, DuplicatePackedSkill, PublishFailed,
        TooManyInputs, TooManyEnumValues, TooManyProperties, SchemaTooDeep, SchemaTooLarge, PatternTooLong,
    ];
}
