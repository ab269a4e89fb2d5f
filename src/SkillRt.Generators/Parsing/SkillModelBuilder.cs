using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace SkillRt.Generators;

/// <summary>
/// Builds the code model of one valid skill: names, descriptor values and, for skills with a typed
/// interface, the input record and the output type mapped from the schema.
/// </summary>
internal static class SkillModelBuilder
{
    private static readonly HashSet<string> ReservedClassNames = new(StringComparer.Ordinal) { "GeneratedContract", "GeneratedSerializer" };

    public static SkillCodeSpec? Build(SkillValidationResult validation, SkillFileRequest request, string content, SourceLocator locator, List<DiagnosticSpec> diagnostics)
    {
        var document = validation.Document;
        var manifest = validation.Manifest;
        var path = request.File.Path;
        var nameNode = document.Frontmatter?.Find("name")?.Value;
        var nameLocation = locator.Locate(nameNode?.Span ?? new SourceSpan(1, 1, 1, 1));
        var name = manifest.Name ?? FolderName(path);

        // "@class" and "class" name the same class; the emitter escapes keywords itself.
        var className = request.ClassName is { } requested ? (requested.StartsWith("@", StringComparison.Ordinal) ? requested.Substring(1) : requested) : Identifiers.ToPascalCase(name) + "Skill";
        var @namespace = request.Namespace ?? request.DefaultNamespace;
        var problem =
            !Identifiers.IsIdentifier(className) ? ("ClassName", className, "is not a valid C# identifier; set it to letters, digits and underscores")
            : ReservedClassNames.Contains(className) ? ("ClassName", className, "is reserved for a type the generator nests in the skill's class; choose another name")
            : !Identifiers.IsNamespace(@namespace) ? ("Namespace", @namespace, "is not a valid C# namespace; set it to letters, digits and underscores separated by dots")
            : default((string Metadata, string Value, string Reason)?);
        if (problem is { } bad)
        {
            diagnostics.Add(DiagnosticSpec.Create(GeneratorDiagnostics.InvalidItemMetadata, locator.Locate(new SourceSpan(1, 1, 1, 1)), bad.Metadata, bad.Value, bad.Reason));
            return null;
        }

        var isPublic = string.Equals(request.Visibility, "public", StringComparison.OrdinalIgnoreCase);
        var descriptor = BuildDescriptor(document, manifest, name, request, content);
        var hasOutputs = document.Frontmatter?.Find("outputs") is not null;
        var isTyped = document.Mode == SkillMode.Structured && (manifest.DeclaresInputs || hasOutputs);
        var contract = isTyped ? BuildContract(manifest, className, locator, diagnostics) : null;
        return new SkillCodeSpec(Identifiers.EscapeNamespace(@namespace), className, isPublic, nameLocation, descriptor, contract);
    }

    private static ContractSpec BuildContract(SkillManifest manifest, string className, SourceLocator locator, List<DiagnosticSpec> diagnostics)
    {
        var prefix = className.Length > "Skill".Length && className.EndsWith("Skill", StringComparison.Ordinal)
            ? className.Substring(0, className.Length - "Skill".Length)
            : className;
        // SkillCatalog is the project's: a schema part named catalog in a skill named skill gets SkillCatalog2.
        var typeNames = new HashSet<string>(StringComparer.Ordinal) { className, "SkillCatalog" };
        var mapper = new SchemaTypeMapper(prefix, typeNames);
        var inputName = mapper.ClaimTypeName(prefix + "Input");

        // The output is mapped before the inputs so it gets the plain names (PrReviewOutput,
        // PrReviewVerdict); an input enum that happens to share a name gets a number.
        var outputKind = manifest.Output.Type switch
        {
            SkillOutputType.Json => OutputKind.Json,
            SkillOutputType.File => OutputKind.File,
            _ => OutputKind.Text,
        };
        var output = outputKind switch
        {
            OutputKind.Json => manifest.Output.Schema is { } schema ? mapper.MapRoot(schema, "Output", "output schema") : TypeRef.Json,
            OutputKind.File => new TypeRef(TypeKind.File),
            _ => new TypeRef(TypeKind.String),
        };

        var inputs = manifest.Inputs;
        var propertyNames = Identifiers.PropertyNames(inputName, inputs.Select(i => i.Name).ToList());
        var properties = ImmutableArray.CreateBuilder<PropertySpec>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var type = InputType(input, mapper);
            var isJson = input.Type == SkillInputType.Json;

            // A null default is no default: the property is nullable and starts out null.
            var defaultJson = input.Required ? null : SkillSchemas.DefaultAsJson(input);
            defaultJson = defaultJson == "null" ? null : defaultJson;
            var defaultText = defaultJson is null || isJson || input.Default is not FrontmatterScalar scalar ? null : scalar.Value;
            properties.Add(new PropertySpec(
                input.Name,
                propertyNames[i],
                input.Required ? type : type with { AllowsNull = true },
                input.Required,
                input.Description,
                defaultJson,
                defaultText,
                DefaultIsJson: isJson && defaultJson is not null));
        }

        foreach (var (descriptor, span, arguments) in mapper.Warnings)
        {
            diagnostics.Add(DiagnosticSpec.Create(descriptor, locator.Locate(span), arguments));
        }

        var inputRecord = new RecordSpec(inputName, null, new EquatableArray<PropertySpec>(properties.MoveToImmutable()), IsClosed: true, null, null, IsInput: true);
        return new ContractSpec(
            inputRecord,
            outputKind,
            output,
            new EquatableArray<RecordSpec>(ImmutableArray.Create(inputRecord).AddRange(mapper.Records)),
            new EquatableArray<EnumSpec>(mapper.Enums.ToImmutableArray()),
            new EquatableArray<UnionSpec>(mapper.Unions.ToImmutableArray()));
    }

    private static TypeRef InputType(SkillInput input, SchemaTypeMapper mapper)
    {
        if (input.EnumValues.Count > 0)
        {
            return mapper.AddEnum(mapper.TypeNameFor(input.Name), input.Description, input.EnumValues, allowsNull: false);
        }

        return input.Type switch
        {
            SkillInputType.Number => new TypeRef(TypeKind.Number),
            SkillInputType.Integer => new TypeRef(TypeKind.Integer),
            SkillInputType.Boolean => new TypeRef(TypeKind.Boolean),
            SkillInputType.Url => new TypeRef(TypeKind.Uri),
            SkillInputType.File => new TypeRef(TypeKind.File),
            SkillInputType.Json => input.Schema is { } schema ? mapper.MapRoot(schema, input.Name, $"schema of input '{input.Name}'") : TypeRef.Json,
            _ => new TypeRef(TypeKind.String),
        };
    }

    private static DescriptorSpec BuildDescriptor(SkillDocument document, SkillManifest manifest, string name, SkillFileRequest request, string content)
    {
        var runtime = manifest.Runtime;
        var dependencies = manifest.Dependencies;
        var permissions = manifest.Permissions;
        return new DescriptorSpec(
            name,
            manifest.Version?.ToString(),
            manifest.Description,
            document.Mode == SkillMode.Prose,
            document.Body,
            document.BodyLine,
            manifest.DeclaresInputs,
            SkillSchemas.ForInputs(manifest.Inputs),
            manifest.Output.Type.ToString(),
            SkillSchemas.ForOutput(manifest.Output),
            runtime.Type.ToString(),
            runtime.MinVersion?.ToString(),
            Array(runtime.Command),
            runtime.Server,
            runtime.Tool,
            runtime.AllowTruncatedOutput,
            runtime.Model.Id,
            runtime.Model.Temperature,
            runtime.Model.MaxOutputTokens,
            Array(dependencies.Skills.Select(d => new DependencySpec(d.Name, ReferenceEquals(d.Range, SkillVersionRange.Any) ? null : d.Range.Text))),
            Array(dependencies.Tools),
            Array(dependencies.McpServers),
            Array(dependencies.AgentDocs.Select(d => new AgentDocDependencySpec(d.Name, ReferenceEquals(d.Range, SkillVersionRange.Any) ? null : d.Range.Text, Array(d.Operations)))),
            Array(permissions.Network),
            Array(permissions.Filesystem.Select(r => new FileRuleSpec(r.Pattern, r.Access == SkillFileAccess.Read))),
            Array(permissions.Environment),
            Array(manifest.Memory.Kinds.Select(k => new MemoryKindSpec(k.Name, k.Description, k.SchemaJson))),
            Array(manifest.Memory.Read.Select(Grant)),
            Array(manifest.Memory.Write.Select(Grant)),
            Array(manifest.Tags),
            // A packaged skill is named by its path inside the package, never by where the package cache
            // happens to be on the building machine.
            request.PackagePath ?? RelativePath(request.File.Path, request.ProjectDirectory),
            Sha256(content),
            request.Package);
    }

    private static MemoryGrantSpec Grant(SkillMemoryGrant grant) => new(grant.Namespace, grant.IncludesSubNamespaces, Array(grant.Kinds));

    private static EquatableArray<T> Array<T>(IEnumerable<T> items)
        where T : IEquatable<T> => new(items.ToImmutableArray());

    private static string FolderName(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path);
        var name = string.IsNullOrEmpty(folder) ? null : System.IO.Path.GetFileName(folder);
        return string.IsNullOrEmpty(name) ? System.IO.Path.GetFileNameWithoutExtension(path) : name!;
    }

    /// <summary>The path relative to the project with forward slashes, so the embedded value does not depend on the machine.</summary>
    /// <summary><paramref name="path"/> relative to the project folder when it is inside it, with '/' separators.</summary>
    internal static string RelativePath(string path, string? projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        if (string.IsNullOrEmpty(projectDirectory))
        {
            return normalized;
        }

        var root = projectDirectory!.Replace('\\', '/');
        if (!root.EndsWith("/", StringComparison.Ordinal))
        {
            root += "/";
        }

        return normalized.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? normalized.Substring(root.Length) : normalized;
    }

    private static string Sha256(string content)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(content));
        var hex = new StringBuilder(hash.Length * 2);
        foreach (var b in hash)
        {
            hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
