using System.Linq;

namespace SkillRt.Generators;

/// <summary>Emits the input record, the output records and the enums of one skill.</summary>
internal sealed class TypeEmitter
{
    private const string JsonPropertyName = "global::System.Text.Json.Serialization.JsonPropertyName";

    private readonly SourceWriter _writer;
    private readonly SkillCodeSpec _skill;
    private readonly string _visibility;

    public TypeEmitter(SourceWriter writer, SkillCodeSpec skill)
    {
        _writer = writer;
        _skill = skill;
        _visibility = skill.IsPublic ? "public" : "internal";
    }

    /// <summary>The C# type of a use of <paramref name="type"/>; <paramref name="nullable"/> adds <c>?</c>.</summary>
    public static string TypeName(SkillCodeSpec skill, TypeRef type, bool nullable)
    {
        var name = type.Kind switch
        {
            TypeKind.String => "string",
            TypeKind.Integer => "long",
            TypeKind.Number => "double",
            TypeKind.Boolean => "bool",
            TypeKind.Uri => "global::System.Uri",
            TypeKind.File => "global::System.IO.FileInfo",
            TypeKind.Json => "global::System.Text.Json.JsonElement",
            TypeKind.Array => "global::System.Collections.Generic.IReadOnlyList<" + TypeName(skill, type.Element!, type.Element!.AllowsNull) + ">",
            TypeKind.Map => "global::System.Collections.Generic.IReadOnlyDictionary<string, " + TypeName(skill, type.Element!, type.Element!.AllowsNull) + ">",
            TypeKind.Tuple => "global::System.ValueTuple<" + string.Join(", ", type.Items.Select(i => TypeName(skill, i, i.AllowsNull))) + ">",
            _ => Qualified(skill, type.Name!),
        };
        return nullable ? name + "?" : name;
    }

    public static string Qualified(SkillCodeSpec skill, string typeName) => "global::" + skill.Namespace + "." + Identifiers.Escape(typeName);

    /// <summary>The C# type of a record property: nullable unless it is required and never null, or it has a default.</summary>
    public static string PropertyType(SkillCodeSpec skill, PropertySpec property) =>
        TypeName(skill, property.Type, IsNullable(property));

    public static bool IsNullable(PropertySpec property) =>
        property.DefaultJson is null && (!property.Required || property.Type.AllowsNull);

    public void EmitEnum(EnumSpec spec)
    {
        _writer.WriteDocumentation("summary", CSharpLiteral.Xml(spec.Description ?? $"The values of {spec.Name}, as the skill '{_skill.Descriptor.Name}' defines them."));
        WriteGeneratedCode();
        _writer.WriteLine($"[global::System.Text.Json.Serialization.JsonConverter(typeof(global::System.Text.Json.Serialization.JsonStringEnumConverter<{Qualified(_skill, spec.Name)}>))]");
        using (_writer.OpenBlock($"{_visibility} enum {Identifiers.Escape(spec.Name)}"))
        {
            for (var i = 0; i < spec.Members.Count; i++)
            {
                var member = spec.Members[i];
                if (i > 0)
                {
                    _writer.WriteLine();
                }

                _writer.WriteDocumentation("summary", $"<c>{CSharpLiteral.Xml(member.WireName)}</c>");
                _writer.WriteDirective("#if NET9_0_OR_GREATER");
                _writer.WriteLine($"[global::System.Text.Json.Serialization.JsonStringEnumMemberName({CSharpLiteral.String(member.WireName)})]");
                _writer.WriteDirective("#endif");
                _writer.WriteLine(Identifiers.Escape(member.Name) + ",");
            }
        }
    }

    public void EmitRecord(RecordSpec spec)
    {
        var positional = spec.IsInput ? spec.Properties.Where(p => p.Required).ToList() : [];
        var skillName = $"<c>{CSharpLiteral.Xml(_skill.Descriptor.Name)}</c>";
        var role = spec.IsInput ? "The input of the " + skillName + " skill."
            : _skill.Contract?.Output.Name == spec.Name ? "The output of the " + skillName + " skill."
            : "A value in the output of the " + skillName + " skill.";
        _writer.WriteDocumentation("summary", spec.Description is { } description ? CSharpLiteral.Xml(description) : role);
        foreach (var property in positional)
        {
            _writer.WriteDocumentation("param", Describe(property), $"name=\"{property.Name}\"");
        }

        WriteGeneratedCode();
        var header = $"{_visibility} sealed partial record {Identifiers.Escape(spec.Name)}" + (spec.Base is { } baseName ? " : " + Qualified(_skill, baseName) : string.Empty);
        if (positional.Count > 0)
        {
            _writer.WriteLine(header + "(");
            for (var i = 0; i < positional.Count; i++)
            {
                var property = positional[i];
                var separator = i == positional.Count - 1 ? ")" : ",";
                _writer.WriteLine($"    [property: {JsonPropertyName}({CSharpLiteral.String(property.JsonName)})] {PropertyType(_skill, property)} {Identifiers.Escape(property.Name)}{separator}");
            }

            header = null;
        }

        using (_writer.OpenBlock(header))
        {
            var first = true;
            foreach (var property in spec.Properties)
            {
                if (spec.IsInput && property.Required)
                {
                    continue;
                }

                if (!first)
                {
                    _writer.WriteLine();
                }

                first = false;
                _writer.WriteDocumentation("summary", Describe(property));
                _writer.WriteLine($"[{JsonPropertyName}({CSharpLiteral.String(property.JsonName)})]");
                var required = property.Required && !spec.IsInput ? "required " : string.Empty;
                var initializer = property.DefaultJson is null ? string.Empty : " = " + SerializerEmitter.DefaultValue(_skill, property) + ";";
                _writer.WriteLine($"public {required}{PropertyType(_skill, property)} {Identifiers.Escape(property.Name)} {{ get; init; }}{initializer}");
            }

            if (spec.AdditionalProperties is { } extra)
            {
                if (!first)
                {
                    _writer.WriteLine();
                }

                _writer.WriteDocumentation("summary", "The object's other properties, by name.");
                _writer.WriteLine("[global::System.Text.Json.Serialization.JsonIgnore]");
                _writer.WriteLine($"public {TypeName(_skill, new TypeRef(TypeKind.Map, Element: extra), nullable: true)} {Identifiers.Escape(spec.AdditionalPropertiesName!)} {{ get; init; }}");
            }
        }
    }

    /// <summary>
    /// The abstract record of a <c>oneOf</c>/<c>anyOf</c>. Its constructor is private protected, so
    /// the generated branches are the only records that derive from it and a switch over them is complete.
    /// </summary>
    public void EmitUnion(UnionSpec spec)
    {
        var branches = string.Join(", ", spec.Branches.Select(b => $"<see cref=\"{Identifiers.Escape(b.RecordName)}\"/>" + (b.Tag is null ? string.Empty : $" (<c>{CSharpLiteral.Xml(spec.Discriminator!)}: {CSharpLiteral.Xml(b.Tag)}</c>)")));
        var summary = (spec.Description is { } description ? CSharpLiteral.Xml(description) + " " : string.Empty) + $"One of {branches}.";
        _writer.WriteDocumentation("summary", summary);
        WriteGeneratedCode();
        using (_writer.OpenBlock($"{_visibility} abstract partial record {Identifiers.Escape(spec.Name)}"))
        {
            _writer.WriteDocumentation("summary", "Only the generated branches derive from this record.");
            _writer.WriteLine($"private protected {Identifiers.Escape(spec.Name)}()");
            _writer.WriteLine("{");
            _writer.WriteLine("}");
        }
    }

    public void WriteGeneratedCode() =>
        _writer.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"SkillRt.Generators\", \"{GeneratorVersion.Value}\")]");

    private static string Describe(PropertySpec property)
    {
        var text = property.Description is { } description ? CSharpLiteral.Xml(description) : $"The <c>{CSharpLiteral.Xml(property.JsonName)}</c> value.";
        if (property.DefaultText is { } defaultText)
        {
            text += $" Defaults to <c>{CSharpLiteral.Xml(defaultText)}</c>.";
        }
        else if (property.DefaultJson is { } defaultJson)
        {
            text += $" Defaults to <c>{CSharpLiteral.Xml(defaultJson)}</c>.";
        }

        return text;
    }
}
