using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SkillRt.Generators;

/// <summary>
/// Emits the reflection-free JSON code of one skill: a writer and a checking reader per record,
/// enum conversions by wire name, and the static regex and allowed-value tables the checks use.
/// Readers report every violation with its JSON Pointer and keep going.
/// </summary>
internal sealed class SerializerEmitter
{
    public const string ClassName = "GeneratedSerializer";
    private const string Reader = "global::SkillRt.Serialization.SkillJsonReader";
    private const string ValueKind = "global::System.Text.Json.JsonValueKind";

    private readonly SourceWriter _writer;
    private readonly SkillCodeSpec _skill;
    private readonly List<string> _fields = [];
    private readonly Dictionary<string, string> _schemaDocuments = new(System.StringComparer.Ordinal);
    private readonly Dictionary<(string Document, string Pointer), string> _schemaChecks = [];
    private int _locals;

    public SerializerEmitter(SourceWriter writer, SkillCodeSpec skill)
    {
        _writer = writer;
        _skill = skill;
    }

    /// <summary>The C# expression for an input's declared default.</summary>
    public static string DefaultValue(SkillCodeSpec skill, PropertySpec property)
    {
        if (property.DefaultIsJson)
        {
            // Read once into a static field: JSON values and generated records are immutable, so sharing is safe.
            return $"{SerializerName(skill)}.{DefaultMembers(skill.Contract!)[property.JsonName].Field}";
        }

        var type = property.Type;
        var text = property.DefaultText ?? string.Empty;
        switch (type.Kind)
        {
            case TypeKind.String:
                return CSharpLiteral.String(text);
            case TypeKind.Integer:
                return property.DefaultJson + "L";
            case TypeKind.Number:
                return property.DefaultJson + "d";
            case TypeKind.Boolean:
                return property.DefaultJson!;
            case TypeKind.Uri:
                return $"new global::System.Uri({CSharpLiteral.String(text)}, global::System.UriKind.Absolute)";
            case TypeKind.File:
                return $"new global::System.IO.FileInfo({CSharpLiteral.String(text)})";
            case TypeKind.Enum:
                var member = skill.Contract!.Enums.First(e => e.Name == type.Name).Members.FirstOrDefault(m => m.WireName == text);
                return member is null ? "default" : TypeEmitter.Qualified(skill, type.Name!) + "." + Identifiers.Escape(member.Name);
            default:
                throw new System.InvalidOperationException($"A {type.Kind} input with a scalar default.");
        }
    }

    /// <summary>
    /// The static field and reader method of each <c>json</c> input's default, named so they clash
    /// with no other member of the serializer (a record called <c>DefaultInput</c> has its own <c>ReadDefaultInput</c>).
    /// </summary>
    private static Dictionary<string, (string Field, string Method)> DefaultMembers(ContractSpec contract)
    {
        var taken = new HashSet<string>(System.StringComparer.Ordinal) { "ReadOutput", "WriteOutput", "TryParse", "ToWireName" };
        foreach (var name in contract.Records.Select(r => r.Name).Concat(contract.Unions.Select(u => u.Name)))
        {
            taken.Add("Read" + name);
            taken.Add("Write" + name);
        }

        var members = new Dictionary<string, (string Field, string Method)>(System.StringComparer.Ordinal);
        foreach (var property in contract.Input.Properties.Where(p => p.DefaultIsJson))
        {
            members[property.JsonName] = (Identifiers.Claim(taken, "Default" + property.Name, tryValueSuffix: false), Identifiers.Claim(taken, "ReadDefault" + property.Name, tryValueSuffix: false));
        }

        return members;
    }

    private static string SerializerName(SkillCodeSpec skill) => TypeEmitter.Qualified(skill, skill.ClassName) + "." + ClassName;

    public void Emit()
    {
        var contract = _skill.Contract!;
        _writer.WriteDocumentation("summary", "The JSON code of this skill's types, generated so that no reflection is needed.");
        _writer.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        using (_writer.OpenBlock($"internal static class {ClassName}"))
        {
            var first = true;
            foreach (var record in contract.Records)
            {
                Separate(ref first);
                EmitWriteRecord(record);
                _writer.WriteLine();
                EmitReadRecord(record);
            }

            foreach (var union in contract.Unions)
            {
                Separate(ref first);
                EmitWriteUnion(union);
                _writer.WriteLine();
                EmitReadUnion(union);
            }

            foreach (var enumSpec in contract.Enums)
            {
                Separate(ref first);
                EmitEnumConversions(enumSpec);
            }

            var defaults = new List<string>();
            var defaultMembers = DefaultMembers(contract);
            foreach (var property in contract.Input.Properties.Where(p => p.DefaultIsJson))
            {
                Separate(ref first);
                var (field, method) = defaultMembers[property.JsonName];
                var typeName = TypeEmitter.TypeName(_skill, property.Type with { AllowsNull = false }, nullable: false);
                defaults.Add($"internal static readonly {typeName} {field} = {Reader}.ReadDefault({CSharpLiteral.String(property.DefaultJson!)}, static (reader, element) => {method}(reader, element, \"\"));");
                using (_writer.OpenBlock($"private static {typeName} {method}({Reader} reader, global::System.Text.Json.JsonElement element, string pointer)"))
                {
                    _writer.WriteLine($"{typeName} value;");
                    EmitRead(property.Type with { AllowsNull = false }, "element", "pointer", "value", 0);
                    _writer.WriteLine("return value;");
                }
            }

            if (contract.OutputKind == OutputKind.Json)
            {
                Separate(ref first);
                var outputType = TypeEmitter.TypeName(_skill, contract.Output, contract.Output.AllowsNull);
                using (_writer.OpenBlock($"internal static void WriteOutput(global::System.Text.Json.Utf8JsonWriter writer, {outputType} value)"))
                {
                    EmitWrite(contract.Output, "value", 0);
                }

                _writer.WriteLine();
                using (_writer.OpenBlock($"internal static {outputType} ReadOutput({Reader} reader, global::System.Text.Json.JsonElement element)"))
                {
                    _writer.WriteLine($"{outputType} value;");
                    EmitRead(contract.Output, "element", "\"\"", "value", 0);
                    _writer.WriteLine("return value;");
                }
            }

            // Defaults come last: static fields initialize in order, and reading a default may use the pattern and value tables.
            if (_fields.Count + defaults.Count > 0)
            {
                _writer.WriteLine();
                foreach (var field in _fields.Concat(defaults))
                {
                    _writer.WriteLine(field);
                }
            }
        }
    }

    private void Separate(ref bool first)
    {
        if (!first)
        {
            _writer.WriteLine();
        }

        first = false;
    }

    private void EmitWriteRecord(RecordSpec record)
    {
        var type = TypeEmitter.Qualified(_skill, record.Name);
        using (_writer.OpenBlock($"internal static void Write{record.Name}(global::System.Text.Json.Utf8JsonWriter writer, {type} value)"))
        {
            _writer.WriteLine("writer.WriteStartObject();");
            foreach (var property in record.Properties)
            {
                var access = "value." + Identifiers.Escape(property.Name);
                var name = $"writer.WritePropertyName({CSharpLiteral.String(property.JsonName)});";
                if (TypeEmitter.IsNullable(property) && !property.Required)
                {
                    // Optional values that are not set are left out, not written as null.
                    using (_writer.OpenBlock($"if ({access} is {{ }} {Local("set", property)})"))
                    {
                        _writer.WriteLine(name);
                        EmitWrite(property.Type with { AllowsNull = false }, Local("set", property), 1);
                    }
                }
                else
                {
                    _writer.WriteLine(name);
                    EmitWrite(property.Type, access, 0);
                }
            }

            if (record.AdditionalProperties is { } extra)
            {
                using (_writer.OpenBlock($"if (value.{Identifiers.Escape(record.AdditionalPropertiesName!)} is {{ }} extra)"))
                using (_writer.OpenBlock("foreach (var pair in extra)"))
                {
                    _writer.WriteLine("writer.WritePropertyName(pair.Key);");
                    EmitWrite(extra, "pair.Value", 1);
                }
            }

            _writer.WriteLine("writer.WriteEndObject();");
        }
    }

    private void EmitReadRecord(RecordSpec record)
    {
        var type = TypeEmitter.Qualified(_skill, record.Name);
        using (_writer.OpenBlock($"internal static {type} Read{record.Name}({Reader} reader, global::System.Text.Json.JsonElement element, string pointer)"))
        {
            var properties = record.Properties;
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                // A required value left at null means a violation was reported, and then the
                // record is never handed out; `default!` says so to the compiler.
                var localType = TypeEmitter.PropertyType(_skill, property);
                var initial = property.DefaultJson is not null ? DefaultValue(_skill, property)
                    : TypeEmitter.IsNullable(property) || property.Type.IsValueType ? "default"
                    : "default!";
                _writer.WriteLine($"{localType} v{i} = {initial};");
                if (property.Required)
                {
                    _writer.WriteLine($"var found{i} = false;");
                }
            }

            var extraType = record.AdditionalProperties is { } extra ? TypeEmitter.TypeName(_skill, extra, extra.AllowsNull) : null;
            if (extraType is not null)
            {
                _writer.WriteLine($"global::System.Collections.Generic.Dictionary<string, {extraType}>? extra = null;");
            }

            using (_writer.OpenBlock("if (reader.ExpectObject(element, pointer))"))
            {
                // Names are compared as UTF-8 in place: reading property.Name would allocate a string per property.
                using (_writer.OpenBlock("foreach (var property in element.EnumerateObject())"))
                {
                    for (var i = 0; i < properties.Count; i++)
                    {
                        var property = properties[i];
                        _writer.WriteLine($"{(i == 0 ? "if" : "else if")} (property.NameEquals({CSharpLiteral.String(property.JsonName)}u8))");
                        using (_writer.OpenBlock())
                        {
                            if (property.Required)
                            {
                                _writer.WriteLine($"found{i} = true;");
                            }

                            _writer.WriteLine($"var at = pointer + {CSharpLiteral.String("/" + FrontmatterPointer.Escape(property.JsonName))};");
                            if (property.DefaultJson is not null)
                            {
                                // A null for an input with a default means "not given": the default stays.
                                using (_writer.OpenBlock($"if (property.Value.ValueKind != {ValueKind}.Null)"))
                                {
                                    EmitRead(property.Type with { AllowsNull = false }, "property.Value", "at", $"v{i}", 1);
                                }
                            }
                            else
                            {
                                EmitRead(property.Type, "property.Value", "at", $"v{i}", 1);
                            }
                        }
                    }

                    if (properties.Count > 0)
                    {
                        _writer.WriteLine("else");
                    }

                    using (_writer.OpenBlock())
                    {
                        if (record.AdditionalProperties is { } extraValues && record.ExtraPattern is { } namePattern)
                        {
                            using (_writer.OpenBlock($"if (reader.MatchesName(property.Name, pointer, {PatternField(namePattern)}, {CSharpLiteral.String(namePattern)}))"))
                            {
                                _writer.WriteLine($"{extraType} item;");
                                EmitRead(extraValues, "property.Value", $"{Reader}.Append(pointer, property.Name)", "item", 1);
                                _writer.WriteLine($"(extra ??= new global::System.Collections.Generic.Dictionary<string, {extraType}>())[property.Name] = item;");
                            }

                            if (record.IsClosed)
                            {
                                var known = properties.Count == 0 ? string.Empty : string.Join(", ", properties.Select(p => p.JsonName)) + ", and ";
                                using (_writer.OpenBlock("else"))
                                {
                                    _writer.WriteLine($"reader.ReportNotAllowed(pointer, property.Name, {CSharpLiteral.String(known + "names that match " + namePattern)});");
                                }
                            }
                        }
                        else if (record.AdditionalProperties is { } extraValues2)
                        {
                            _writer.WriteLine($"{extraType} item;");
                            EmitRead(extraValues2, "property.Value", $"{Reader}.Append(pointer, property.Name)", "item", 1);
                            _writer.WriteLine($"(extra ??= new global::System.Collections.Generic.Dictionary<string, {extraType}>())[property.Name] = item;");
                        }
                        else if (record.IsClosed)
                        {
                            var allowed = properties.Count == 0 ? "none" : string.Join(", ", properties.Select(p => p.JsonName));
                            _writer.WriteLine($"reader.ReportNotAllowed(pointer, property.Name, {CSharpLiteral.String(allowed)});");
                        }
                    }
                }

                for (var i = 0; i < properties.Count; i++)
                {
                    if (properties[i].Required)
                    {
                        using (_writer.OpenBlock($"if (!found{i})"))
                        {
                            _writer.WriteLine($"reader.ReportMissing(pointer, {CSharpLiteral.String(properties[i].JsonName)});");
                        }
                    }
                }
            }

            EmitConstruction(record, type, extraType is not null);
        }
    }

    private void EmitWriteUnion(UnionSpec union)
    {
        var type = TypeEmitter.Qualified(_skill, union.Name);
        using (_writer.OpenBlock($"internal static void Write{union.Name}(global::System.Text.Json.Utf8JsonWriter writer, {type} value)"))
        {
            // One `if` per branch, not a switch on the type: the compiler checks a type switch's
            // cases against each other, which takes it minutes on a 1,000-branch union.
            for (var i = 0; i < union.Branches.Count; i++)
            {
                var branch = union.Branches[i].RecordName;
                using (_writer.OpenBlock($"if (value is {TypeEmitter.Qualified(_skill, branch)} b{i})"))
                {
                    _writer.WriteLine($"Write{branch}(writer, b{i});");
                    _writer.WriteLine("return;");
                }
            }

            _writer.WriteLine($"throw new global::System.ArgumentOutOfRangeException(nameof(value), {CSharpLiteral.String($"Not a {union.Name} branch.")});");
        }
    }

    /// <summary>
    /// The reader of a union: with a discriminator, the branch its value names, or a violation that
    /// lists the values; without one, every branch whose required properties are all there, tried
    /// on a reader of its own, and a violation per branch saying why when none fits (or, for a
    /// <c>oneOf</c>, when two do).
    /// </summary>
    private void EmitReadUnion(UnionSpec union)
    {
        var type = TypeEmitter.Qualified(_skill, union.Name);
        var branches = union.Branches;
        using (_writer.OpenBlock($"internal static {type} Read{union.Name}({Reader} reader, global::System.Text.Json.JsonElement element, string pointer)"))
        {
            using (_writer.OpenBlock("if (!reader.ExpectObject(element, pointer))"))
            {
                _writer.WriteLine("return default!;");
            }

            if (union.Discriminator is { } discriminator)
            {
                var tagPointer = $"pointer + {CSharpLiteral.String("/" + FrontmatterPointer.Escape(discriminator))}";
                var values = string.Join(", ", branches.Select(b => "\"" + b.Tag + "\""));
                using (_writer.OpenBlock($"if (element.TryGetProperty({CSharpLiteral.String(discriminator)}u8, out var tag))"))
                {
                    using (_writer.OpenBlock($"if (tag.ValueKind == {ValueKind}.String)"))
                    {
                        foreach (var branch in branches)
                        {
                            using (_writer.OpenBlock($"if (tag.ValueEquals({CSharpLiteral.String(branch.Tag!)}u8))"))
                            {
                                _writer.WriteLine($"return Read{branch.RecordName}(reader, element, pointer);");
                            }
                        }

                        _writer.WriteLine($"reader.ReportNotInEnum({tagPointer}, tag.GetString()!, {CSharpLiteral.String(values)});");
                    }

                    using (_writer.OpenBlock("else"))
                    {
                        _writer.WriteLine($"reader.ReadString(tag, {tagPointer});");
                    }
                }

                using (_writer.OpenBlock("else"))
                {
                    var kinds = string.Join(", ", branches.Select(b => $"\"{b.Tag}\" ({b.RecordName})"));
                    _writer.WriteLine($"reader.Report(pointer, {CSharpLiteral.String($"The required property '{discriminator}' is missing; it says which this object is: {kinds}.")});");
                }

                _writer.WriteLine("return default!;");
                return;
            }

            _writer.WriteLine($"{type}? result = null;");
            _writer.WriteLine("string? first = null;");
            _writer.WriteLine("string? second = null;");
            for (var i = 0; i < branches.Count; i++)
            {
                _writer.WriteLine($"{Reader}? failed{i} = null;");
            }

            for (var i = 0; i < branches.Count; i++)
            {
                var branch = branches[i];
                var present = branch.Required.Count == 0 ? "true" : string.Join(" && ", branch.Required.Select(r => $"element.TryGetProperty({CSharpLiteral.String(r)}u8, out _)"));
                using (_writer.OpenBlock($"if ({present})"))
                {
                    _writer.WriteLine($"var attempt = new {Reader}();");
                    _writer.WriteLine($"var value = Read{branch.RecordName}(attempt, element, pointer);");
                    using (_writer.OpenBlock("if (attempt.HasViolations)"))
                    {
                        _writer.WriteLine($"failed{i} = attempt;");
                    }

                    using (_writer.OpenBlock("else if (first is null)"))
                    {
                        _writer.WriteLine("result = value;");
                        _writer.WriteLine($"first = {CSharpLiteral.String(branch.RecordName)};");
                    }

                    using (_writer.OpenBlock("else"))
                    {
                        _writer.WriteLine($"second ??= {CSharpLiteral.String(branch.RecordName)};");
                    }
                }
            }

            var names = string.Join(", ", branches.Select(b => b.RecordName));
            using (_writer.OpenBlock(union.ExactlyOne ? "if (result is not null && second is null)" : "if (result is not null)"))
            {
                _writer.WriteLine("return result;");
            }

            if (union.ExactlyOne)
            {
                using (_writer.OpenBlock("if (second is not null)"))
                {
                    _writer.WriteLine($"reader.Report(pointer, \"The object is both a \" + first + \" and a \" + second + {CSharpLiteral.String($"; it must be exactly one of {names}.")});");
                    _writer.WriteLine("return default!;");
                }
            }

            var needs = string.Join("; ", branches.Select(b => b.Required.Count == 0 ? b.RecordName : $"{b.RecordName} requires {string.Join(", ", b.Required)}"));
            _writer.WriteLine($"reader.Report(pointer, {CSharpLiteral.String($"The object is none of {names} ({needs}).")});");
            for (var i = 0; i < branches.Count; i++)
            {
                using (_writer.OpenBlock($"if (failed{i} is not null)"))
                {
                    _writer.WriteLine($"reader.ReportBranchFailure({CSharpLiteral.String(branches[i].RecordName)}, failed{i});");
                }
            }

            _writer.WriteLine("return default!;");
        }
    }

    private void EmitConstruction(RecordSpec record, string type, bool hasExtra)
    {
        var properties = record.Properties;
        var arguments = record.IsInput
            ? string.Join(", ", properties.Select((p, i) => (p, i)).Where(x => x.p.Required).Select(x => $"v{x.i}"))
            : string.Empty;
        var initializers = properties.Select((p, i) => (p, i))
            .Where(x => !record.IsInput || !x.p.Required)
            .Select(x => $"{Identifiers.Escape(x.p.Name)} = v{x.i},")
            .ToList();
        if (hasExtra)
        {
            initializers.Add($"{Identifiers.Escape(record.AdditionalPropertiesName!)} = extra,");
        }

        if (initializers.Count == 0)
        {
            _writer.WriteLine($"return new {type}({arguments});");
            return;
        }

        _writer.WriteLine(arguments.Length == 0 ? $"return new {type}" : $"return new {type}({arguments})");
        using (_writer.OpenBlock(closing: "};"))
        {
            foreach (var initializer in initializers)
            {
                _writer.WriteLine(initializer);
            }
        }
    }


    private void EmitEnumConversions(EnumSpec spec)
    {
        var type = TypeEmitter.Qualified(_skill, spec.Name);
        if (spec.Members.Count > LargeEnumMembers)
        {
            EmitLargeEnumConversions(spec, type);
            return;
        }

        // Compares the JSON string in place, so reading a valid value allocates nothing.
        using (_writer.OpenBlock($"internal static bool TryParse(global::System.Text.Json.JsonElement value, out {type} result)"))
        {
            foreach (var member in spec.Members)
            {
                using (_writer.OpenBlock($"if (value.ValueEquals({CSharpLiteral.String(member.WireName)}u8))"))
                {
                    _writer.WriteLine($"result = {type}.{Identifiers.Escape(member.Name)};");
                    _writer.WriteLine("return true;");
                }
            }

            _writer.WriteLine("result = default;");
            _writer.WriteLine("return false;");
        }

        _writer.WriteLine();
        using (_writer.OpenBlock($"internal static string ToWireName({type} value) => value switch", closing: "};"))
        {
            foreach (var member in spec.Members)
            {
                _writer.WriteLine($"{type}.{Identifiers.Escape(member.Name)} => {CSharpLiteral.String(member.WireName)},");
            }

            _writer.WriteLine($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, {CSharpLiteral.String($"Not a {spec.Name} value.")}),");
        }
    }

    // Past this many members an enum's conversions go through a table of wire names instead of one
    // branch per member: the code stays linear in size and quick to compile at the spec's limit of
    // 1,024 values, where a chain of ifs and a switch of a thousand arms cost the compiler seconds.
    private const int LargeEnumMembers = 64;

    private void EmitLargeEnumConversions(EnumSpec spec, string type)
    {
        // Members are declared in this order without explicit values, so a member's value is its index.
        var table = Identifiers.Escape(spec.Name) + "WireNames";
        _fields.Add($"private static readonly string[] {table} = new string[] {{ {string.Join(", ", spec.Members.Select(m => CSharpLiteral.String(m.WireName)))} }};");
        using (_writer.OpenBlock($"internal static bool TryParse(global::System.Text.Json.JsonElement value, out {type} result)"))
        {
            using (_writer.OpenBlock($"for (var i = 0; i < {table}.Length; i++)"))
            {
                using (_writer.OpenBlock($"if (value.ValueEquals({table}[i]))"))
                {
                    _writer.WriteLine($"result = ({type})i;");
                    _writer.WriteLine("return true;");
                }
            }

            _writer.WriteLine("result = default;");
            _writer.WriteLine("return false;");
        }

        _writer.WriteLine();
        _writer.WriteLine($"internal static string ToWireName({type} value) => (uint)value < (uint){table}.Length");
        _writer.WriteLine($"    ? {table}[(int)value]");
        _writer.WriteLine($"    : throw new global::System.ArgumentOutOfRangeException(nameof(value), value, {CSharpLiteral.String($"Not a {spec.Name} value.")});");
    }

    /// <summary>Writes statements that write <paramref name="value"/> (an expression of the type's C# type) to <c>writer</c>.</summary>
    private void EmitWrite(TypeRef type, string value, int depth)
    {
        var guarded = type.AllowsNull || !type.IsValueType;
        if (!guarded)
        {
            EmitWriteValue(type, value, depth);
            return;
        }

        // Pattern variables of an `if` are scoped to the enclosing block, so each needs its own name.
        var local = "x" + (_locals++).ToString(CultureInfo.InvariantCulture);
        using (_writer.OpenBlock($"if ({value} is {{ }} {local})"))
        {
            EmitWriteValue(type, local, depth + 1);
        }

        using (_writer.OpenBlock("else"))
        {
            _writer.WriteLine("writer.WriteNullValue();");
        }
    }

    private void EmitWriteValue(TypeRef type, string value, int depth)
    {
        var d = depth.ToString(CultureInfo.InvariantCulture);
        switch (type.Kind)
        {
            case TypeKind.String:
                _writer.WriteLine($"writer.WriteStringValue({value});");
                break;
            case TypeKind.Integer:
            case TypeKind.Number:
                _writer.WriteLine($"writer.WriteNumberValue({value});");
                break;
            case TypeKind.Boolean:
                _writer.WriteLine($"writer.WriteBooleanValue({value});");
                break;
            case TypeKind.Uri:
                _writer.WriteLine($"writer.WriteStringValue({value}.OriginalString);");
                break;
            case TypeKind.File:
                _writer.WriteLine($"writer.WriteStringValue({value}.FullName);");
                break;
            case TypeKind.Json:
                using (_writer.OpenBlock($"if ({value}.ValueKind == {ValueKind}.Undefined)"))
                {
                    _writer.WriteLine("writer.WriteNullValue();");
                }

                using (_writer.OpenBlock("else"))
                {
                    _writer.WriteLine($"{value}.WriteTo(writer);");
                }

                break;
            case TypeKind.Enum:
                _writer.WriteLine($"writer.WriteStringValue(ToWireName({value}));");
                break;
            case TypeKind.Record:
            case TypeKind.Union:
                _writer.WriteLine($"Write{type.Name}(writer, {value});");
                break;
            case TypeKind.Array:
                _writer.WriteLine("writer.WriteStartArray();");
                using (_writer.OpenBlock($"foreach (var item{d} in {value})"))
                {
                    EmitWrite(type.Element!, "item" + d, depth + 1);
                }

                _writer.WriteLine("writer.WriteEndArray();");
                break;
            case TypeKind.Tuple:
                _writer.WriteLine("writer.WriteStartArray();");
                EmitWriteTupleItems(type, value, 0, depth);
                _writer.WriteLine("writer.WriteEndArray();");
                break;
            case TypeKind.Map:
                _writer.WriteLine("writer.WriteStartObject();");
                using (_writer.OpenBlock($"foreach (var pair{d} in {value})"))
                {
                    _writer.WriteLine($"writer.WritePropertyName(pair{d}.Key);");
                    EmitWrite(type.Element!, $"pair{d}.Value", depth + 1);
                }

                _writer.WriteLine("writer.WriteEndObject();");
                break;
        }
    }

    /// <summary>Writes a tuple's positions from <paramref name="index"/> on; an optional position that is null ends the array there.</summary>
    private void EmitWriteTupleItems(TypeRef type, string value, int index, int depth)
    {
        for (var i = index; i < type.Items.Count; i++)
        {
            var item = type.Items[i];
            var access = $"{value}.Item{i + 1}";
            if (i < type.RequiredItems)
            {
                EmitWrite(item, access, depth + 1);
                continue;
            }

            var local = "x" + (_locals++).ToString(CultureInfo.InvariantCulture);
            using (_writer.OpenBlock($"if ({access} is {{ }} {local})"))
            {
                EmitWrite(item with { AllowsNull = false }, local, depth + 1);
                EmitWriteTupleItems(type, value, i + 1, depth);
            }

            return;
        }
    }

    /// <summary>
    /// Writes statements that read <paramref name="element"/> into <paramref name="target"/>, checking
    /// the type's constraints and reporting at <paramref name="pointer"/> (a string expression).
    /// Every path assigns the target.
    /// </summary>
    private void EmitRead(TypeRef type, string element, string pointer, string target, int depth)
    {
        if (type.AllowsNull)
        {
            using (_writer.OpenBlock($"if ({element}.ValueKind == {ValueKind}.Null)"))
            {
                _writer.WriteLine($"{target} = null;");

                // An enum or const applies to null too: [1, 2] with type [integer, null] still rejects null.
                for (var c = type.Constraints; c is not null; c = c.And)
                {
                    EmitAllowed(c, element, pointer);
                }
            }

            using (_writer.OpenBlock("else"))
            {
                EmitReadValue(type, element, pointer, target, depth);
            }

            return;
        }

        EmitReadValue(type, element, pointer, target, depth);
    }

    private void EmitReadValue(TypeRef type, string element, string pointer, string target, int depth)
    {
        var d = depth.ToString(CultureInfo.InvariantCulture);
        switch (type.Kind)
        {
            case TypeKind.String:
                _writer.WriteLine($"var s{d} = reader.ReadString({element}, {pointer});");
                EmitChecks(type.Constraints, element, pointer, d, text: "s" + d);
                _writer.WriteLine($"{target} = s{d};");
                break;
            case TypeKind.Integer:
            case TypeKind.Number:
                var read = type.Kind == TypeKind.Integer ? "ReadInt64" : "ReadDouble";
                _writer.WriteLine($"var n{d} = reader.{read}({element}, {pointer});");
                EmitChecks(type.Constraints, element, pointer, d, number: "n" + d);
                _writer.WriteLine($"{target} = n{d};");
                break;
            case TypeKind.Boolean:
                _writer.WriteLine($"{target} = reader.ReadBoolean({element}, {pointer});");
                EmitChecks(type.Constraints, element, pointer, d);
                break;
            case TypeKind.Uri:
                _writer.WriteLine($"{target} = reader.ReadAbsoluteUri({element}, {pointer})!;");
                break;
            case TypeKind.File:
                _writer.WriteLine($"{target} = reader.ReadFile({element}, {pointer})!;");
                break;
            case TypeKind.Json:
                _writer.WriteLine($"{target} = {Reader}.ReadJson({element});");
                EmitChecks(type.Constraints, element, pointer, d);
                break;
            case TypeKind.Enum:
                var enumType = TypeEmitter.Qualified(_skill, type.Name!);
                var members = _skill.Contract!.Enums.First(e => e.Name == type.Name).Members;
                var allowedNames = string.Join(", ", members.Select(m => "\"" + m.WireName + "\""));
                using (_writer.OpenBlock($"if ({element}.ValueKind == {ValueKind}.String && TryParse({element}, out {enumType} e{d}))"))
                {
                    _writer.WriteLine($"{target} = e{d};");
                }

                using (_writer.OpenBlock("else"))
                {
                    using (_writer.OpenBlock($"if ({element}.ValueKind == {ValueKind}.String)"))
                    {
                        _writer.WriteLine($"reader.ReportNotInEnum({pointer}, {element}.GetString()!, {CSharpLiteral.String(allowedNames)});");
                    }

                    using (_writer.OpenBlock("else"))
                    {
                        _writer.WriteLine($"reader.ReadString({element}, {pointer});");
                    }

                    _writer.WriteLine($"{target} = default;");
                }

                EmitChecks(type.Constraints, element, pointer, d);
                break;
            case TypeKind.Record:
            case TypeKind.Union:
                _writer.WriteLine($"{target} = Read{type.Name}(reader, {element}, {pointer});");
                EmitChecks(type.Constraints, element, pointer, d);
                break;
            case TypeKind.Array:
                var itemType = TypeEmitter.TypeName(_skill, type.Element!, type.Element!.AllowsNull);
                _writer.WriteLine($"var list{d} = new global::System.Collections.Generic.List<{itemType}>();");
                using (_writer.OpenBlock($"if (reader.ExpectArray({element}, {pointer}))"))
                {
                    _writer.WriteLine($"var index{d} = 0;");
                    using (_writer.OpenBlock($"foreach (var item{d} in {element}.EnumerateArray())"))
                    {
                        _writer.WriteLine($"var at{d} = {Reader}.Append({pointer}, index{d}++);");
                        _writer.WriteLine($"{itemType} value{d};");
                        EmitRead(type.Element!, "item" + d, "at" + d, "value" + d, depth + 1);
                        _writer.WriteLine($"list{d}.Add(value{d});");
                    }
                }

                EmitChecks(type.Constraints, element, pointer, d);
                _writer.WriteLine($"{target} = list{d};");
                break;
            case TypeKind.Tuple:
                var positions = new List<string>();
                for (var i = 0; i < type.Items.Count; i++)
                {
                    var item = type.Items[i];
                    var local = $"item{d}_{i}";
                    positions.Add(local);
                    _writer.WriteLine($"{TypeEmitter.TypeName(_skill, item, item.AllowsNull)} {local} = {(item.AllowsNull || item.IsValueType ? "default" : "default!")};");
                }

                using (_writer.OpenBlock($"if (reader.ExpectArray({element}, {pointer}))"))
                {
                    _writer.WriteLine($"var length{d} = {element}.GetArrayLength();");
                    for (var i = 0; i < type.Items.Count; i++)
                    {
                        var index = i.ToString(CultureInfo.InvariantCulture);
                        using (_writer.OpenBlock($"if (length{d} > {index})"))
                        {
                            // A position past minItems is missing when absent; present, it must not be null.
                            EmitRead(type.Items[i] with { AllowsNull = i < type.RequiredItems && type.Items[i].AllowsNull }, $"{element}[{index}]", $"{Reader}.Append({pointer}, {index})", positions[i], depth + 1);
                        }
                    }
                }

                EmitChecks(type.Constraints, element, pointer, d);
                // `new` rather than a tuple literal: a one-item tuple has no literal.
                _writer.WriteLine($"{target} = new {TypeEmitter.TypeName(_skill, type, nullable: false)}({string.Join(", ", positions)});");
                break;
            case TypeKind.Map:
                var valueType = TypeEmitter.TypeName(_skill, type.Element!, type.Element!.AllowsNull);
                _writer.WriteLine($"var map{d} = new global::System.Collections.Generic.Dictionary<string, {valueType}>();");
                using (_writer.OpenBlock($"if (reader.ExpectObject({element}, {pointer}))"))
                {
                    using (_writer.OpenBlock($"foreach (var entry{d} in {element}.EnumerateObject())"))
                    {
                        _writer.WriteLine($"var at{d} = {Reader}.Append({pointer}, entry{d}.Name);");
                        _writer.WriteLine($"{valueType} value{d};");
                        EmitRead(type.Element!, $"entry{d}.Value", "at" + d, "value" + d, depth + 1);
                        _writer.WriteLine($"map{d}[entry{d}.Name] = value{d};");
                    }
                }

                EmitChecks(type.Constraints, element, pointer, d);
                _writer.WriteLine($"{target} = map{d};");
                break;
        }
    }

    /// <summary>
    /// Emits the assertions of a schema (and of every schema chained to it with <c>And</c>). Each
    /// applies only to values of the kind it concerns, as JSON Schema says (<c>minimum</c> to numbers,
    /// <c>minLength</c> to strings, <c>maxItems</c> to arrays), so a value of the wrong type gets one
    /// type violation and no noise. <paramref name="text"/> and <paramref name="number"/> name
    /// values already read, to avoid reading them twice.
    /// </summary>
    private void EmitChecks(ConstraintSpec? constraints, string element, string pointer, string d, string? text = null, string? number = null)
    {
        for (var c = constraints; c is not null; c = c.And)
        {
            if (c.HasLength || c.Pattern is not null)
            {
                using (_writer.OpenBlock($"if ({element}.ValueKind == {ValueKind}.String)"))
                {
                    var value = text ?? $"{element}.GetString()!";
                    if (c.HasLength)
                    {
                        _writer.WriteLine($"reader.CheckLength({value}, {pointer}, {CSharpLiteral.NullableLong(c.MinLength)}, {CSharpLiteral.NullableLong(c.MaxLength)});");
                    }

                    if (c.Pattern is { } pattern)
                    {
                        _writer.WriteLine($"reader.CheckPattern({value}, {pointer}, {PatternField(pattern)}, {CSharpLiteral.String(pattern)});");
                    }
                }
            }

            if (c.HasRange)
            {
                using (_writer.OpenBlock($"if ({element}.ValueKind == {ValueKind}.Number)"))
                {
                    _writer.WriteLine($"reader.CheckRange({number ?? element + ".GetDouble()"}, {pointer}, {CSharpLiteral.NullableDouble(c.Minimum)}, {CSharpLiteral.NullableDouble(c.Maximum)}, {CSharpLiteral.NullableDouble(c.ExclusiveMinimum)}, {CSharpLiteral.NullableDouble(c.ExclusiveMaximum)}, {CSharpLiteral.NullableDouble(c.MultipleOf)});");
                }
            }

            if (c.HasItemCount || c.UniqueItems)
            {
                using (_writer.OpenBlock($"if ({element}.ValueKind == {ValueKind}.Array)"))
                {
                    if (c.HasItemCount)
                    {
                        _writer.WriteLine($"reader.CheckItemCount({element}.GetArrayLength(), {pointer}, {CSharpLiteral.NullableLong(c.MinItems)}, {CSharpLiteral.NullableLong(c.MaxItems)});");
                    }

                    if (c.UniqueItems)
                    {
                        _writer.WriteLine($"reader.CheckUniqueItems({element}, {pointer});");
                    }
                }
            }

            if (c.HasPropertyCount)
            {
                _writer.WriteLine($"reader.CheckPropertyCount({element}, {pointer}, {CSharpLiteral.NullableLong(c.MinProperties)}, {CSharpLiteral.NullableLong(c.MaxProperties)});");
            }

            EmitAllowed(c, element, pointer);
            if (c.SchemaPointer is { } schemaPointer)
            {
                var check = $"reader.CheckSchema({element}, {pointer}, {SchemaCheckField(c.SchemaDocument!, schemaPointer)});";
                if (c.SchemaCheckIfClean)
                {
                    // The typed reading already reported what is wrong; the schema would say it twice.
                    using (_writer.OpenBlock("if (!reader.HasViolations)"))
                    {
                        _writer.WriteLine(check);
                    }
                }
                else
                {
                    _writer.WriteLine(check);
                }
            }
        }
    }

    /// <summary>The static check of one part of a schema document, declared once per document and pointer.</summary>
    private string SchemaCheckField(string document, string pointer)
    {
        if (_schemaChecks.TryGetValue((document, pointer), out var field))
        {
            return field;
        }

        if (!_schemaDocuments.TryGetValue(document, out var documentField))
        {
            documentField = "SchemaDocument" + _schemaDocuments.Count.ToString(CultureInfo.InvariantCulture);
            _schemaDocuments[document] = documentField;
            _fields.Add($"private static readonly string {documentField} = {CSharpLiteral.LargeString(document)};");
        }

        field = "Schema" + _fields.Count.ToString(CultureInfo.InvariantCulture);
        _schemaChecks[(document, pointer)] = field;
        _fields.Add($"private static readonly global::SkillRt.Serialization.SkillSchemaCheck {field} = new({documentField}, {CSharpLiteral.String(pointer)});");
        return field;
    }

    private void EmitAllowed(ConstraintSpec constraints, string element, string pointer)
    {
        if (constraints.AllowedJson.Count == 0)
        {
            return;
        }

        var field = "Allowed" + _fields.Count.ToString(CultureInfo.InvariantCulture);
        var json = "[" + string.Join(",", constraints.AllowedJson) + "]";
        _fields.Add($"private static readonly global::System.Text.Json.JsonElement[] {field} = {Reader}.ParseValues({CSharpLiteral.String(json)});");
        _writer.WriteLine($"reader.CheckEnum({element}, {pointer}, {field}, {CSharpLiteral.String(string.Join(", ", constraints.AllowedJson))});");
    }

    private string PatternField(string pattern)
    {
        var field = "Pattern" + _fields.Count.ToString(CultureInfo.InvariantCulture);

        // The validator checked the pattern as written; should the ECMA-262 rewrite not compile, keep that.
        var translated = EcmaPattern.ToDotNet(pattern);
        try
        {
            _ = new System.Text.RegularExpressions.Regex(translated);
        }
        catch (System.ArgumentException)
        {
            translated = pattern;
        }

        // A timeout, because model output is untrusted input to the pattern.
        _fields.Add($"private static readonly global::System.Text.RegularExpressions.Regex {field} = new({CSharpLiteral.String(translated)}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1));");
        return field;
    }

    private static string Local(string prefix, PropertySpec property) => prefix + property.Name;
}
