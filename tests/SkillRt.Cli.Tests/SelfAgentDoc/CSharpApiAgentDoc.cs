using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using SkillRt.AgentDoc;

namespace SkillRt.Cli.Tests.SelfAgentDoc;

/// <summary>
/// The public C# API of an assembly as agent-doc parts: every public type a concept (its summary,
/// properties and enum members), every public method and constructor an operation (its parameters as
/// the input, its result as the output), one group per namespace. Read by reflection and the XML
/// documentation, so the doc names only what the assembly really has.
/// </summary>
internal sealed class CSharpApiAgentDoc
{
    private static readonly NullabilityInfoContext Nullability = new();

    public List<AgentDocGroup> Groups { get; } = [];

    public List<AgentDocConcept> Concepts { get; } = [];

    public List<AgentDocOperation> Operations { get; } = [];

    public static CSharpApiAgentDoc Of(Assembly assembly)
    {
        var docs = XmlDocumentation.Load(assembly);
        var result = new CSharpApiAgentDoc();
        var types = assembly.GetExportedTypes().OrderBy(t => t.Namespace, StringComparer.Ordinal).ThenBy(t => Name(t), StringComparer.Ordinal).ToList();
        foreach (var space in types.Select(t => t.Namespace ?? string.Empty).Distinct())
        {
            result.Groups.Add(new AgentDocGroup(GroupId(space), "C# namespace " + space, null));
        }

        foreach (var type in types)
        {
            result.Concepts.Add(new AgentDocConcept(Name(type), Concept(type, docs)));
            if (typeof(Delegate).IsAssignableFrom(type) || type.IsEnum)
            {
                continue;
            }

            var members = new List<MethodBase>();
            if (!type.IsAbstract)
            {
                members.AddRange(type.GetConstructors().Where(c => c.GetParameters().Length > 0));
            }

            members.AddRange(type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(IsOwnApi));
            foreach (var overloads in members.GroupBy(MemberName).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var ordered = overloads.OrderBy(m => m.GetParameters().Length).ThenBy(Signature, StringComparer.Ordinal).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    result.Operations.Add(Operation(type, ordered[i], i == 0 ? string.Empty : ":" + (i + 1), docs));
                }
            }
        }

        return result;
    }

    public static string GroupId(string space) => "csharp/" + space;

    // What a caller writes: not accessors, operators, overrides of object's members or what the compiler made for a record.
    private static bool IsOwnApi(MethodInfo method) =>
        !method.IsSpecialName
        && method.GetCustomAttribute<CompilerGeneratedAttribute>() is null
        && method.GetBaseDefinition().DeclaringType == method.DeclaringType
        && !(method.Name is "Equals" or "GetHashCode" or "ToString" or "Deconstruct" && method.DeclaringType!.GetMethod("<Clone>$") is not null);

    private static string MemberName(MethodBase member) => member is ConstructorInfo ? "new" : member.Name;

    private static AgentDocOperation Operation(Type type, MethodBase member, string overload, XmlDocumentation docs)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var parameter in member.GetParameters())
        {
            var schema = ValueSchema(parameter.ParameterType, TypeName(parameter));
            if (docs.Parameter(member, parameter.Name!) is { Length: > 0 } description)
            {
                schema["description"] = description;
            }

            if (parameter.IsOut)
            {
                schema["x-direction"] = "out";
            }

            properties[parameter.Name!] = schema;
            if (!parameter.IsOptional && !parameter.IsOut)
            {
                required.Add((JsonNode)parameter.Name!);
            }
        }

        var input = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            input["required"] = required;
        }

        JsonObject? output = null;
        if (member is MethodInfo method && method.ReturnType != typeof(void) && method.ReturnType != typeof(System.Threading.Tasks.Task) && method.ReturnType != typeof(System.Threading.Tasks.ValueTask))
        {
            output = ValueSchema(method.ReturnType, TypeName(method.ReturnParameter));
            if (docs.Returns(method) is { Length: > 0 } returns)
            {
                output["description"] = returns;
            }
        }

        var purpose = new StringBuilder(Experimental(member) ?? Experimental(type) ?? string.Empty);
        purpose.Append(docs.Summary(member) is { Length: > 0 } summary ? summary : "(no summary)");
        foreach (var (exception, when) in docs.Exceptions(member))
        {
            purpose.Append("\n\nThrows `").Append(exception).Append("`: ").Append(when);
        }

        var callName = Name(type) + "." + (member is ConstructorInfo ? "new" : member.Name);
        return new AgentDocOperation
        {
            Id = "csharp/" + Name(type).Replace('<', '_').Replace('>', '_').Replace(", ", "_", StringComparison.Ordinal) + "." + MemberName(member) + overload,
            Title = (member is ConstructorInfo ? "new " + Name(type) : callName) + "(" + string.Join(", ", member.GetParameters().Select(p => p.Name)) + ")",
            Purpose = purpose.ToString(),
            Group = GroupId(type.Namespace ?? string.Empty),
            Input = input,
            Output = output,
        };
    }

    private static string? Experimental(MemberInfo member) =>
        member.GetCustomAttribute<System.Diagnostics.CodeAnalysis.ExperimentalAttribute>() is { } experimental
            ? $"Experimental ({experimental.DiagnosticId}): it may change in a minor version; using it needs `<NoWarn>{experimental.DiagnosticId}</NoWarn>`. "
            : null;

    private static string Concept(Type type, XmlDocumentation docs)
    {
        var text = new StringBuilder();
        text.Append(Kind(type)).Append(". ").Append(Experimental(type) ?? string.Empty).Append(docs.Summary(type));
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                text.Append("\n- `").Append(field.Name).Append("`: ").Append(docs.Summary(field));
            }

            return text.ToString();
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(p => p.GetCustomAttribute<CompilerGeneratedAttribute>() is null && p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken))
        {
            text.Append("\n- `").Append(property.Name).Append("` (`").Append(TypeName(property)).Append('`')
                .Append(property.SetMethod is { IsPublic: true } ? string.Empty : ", read-only").Append("): ").Append(docs.Summary(property));
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).OrderBy(f => f.MetadataToken))
        {
            text.Append("\n- `").Append(field.Name).Append("` (`").Append(CSharp(field.FieldType)).Append(field.IsLiteral ? "`, constant" : "`")
                .Append(field.IsLiteral ? " " + Literal(field.GetRawConstantValue()) : string.Empty).Append("): ").Append(docs.Summary(field));
        }

        return text.ToString();
    }

    private static string Literal(object? value) => value switch
    {
        string text => "\"" + text + "\"",
        null => "null",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static string Kind(Type type) =>
        type.IsEnum ? "Enum" :
        typeof(Delegate).IsAssignableFrom(type) ? "Delegate" :
        type.IsInterface ? "Interface" :
        type.IsValueType ? (type.GetMethod("<Clone>$") is not null || type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null ? "Record struct" : "Struct") :
        type.GetMethod("<Clone>$") is not null ? (type.IsSealed ? "Sealed record" : type.IsAbstract ? "Abstract record" : "Record") :
        type.IsAbstract && type.IsSealed ? "Static class" :
        type.IsAbstract ? "Abstract class" :
        typeof(Exception).IsAssignableFrom(type) ? "Exception" :
        type.IsSealed ? "Sealed class" : "Class";

    private static JsonObject ValueSchema(Type type, string csharp)
    {
        var schema = new JsonObject();
        var plain = type.IsByRef ? type.GetElementType()! : type;
        plain = Nullable.GetUnderlyingType(plain) ?? plain;
        if (plain == typeof(string))
        {
            schema["type"] = "string";
        }
        else if (plain == typeof(bool))
        {
            schema["type"] = "boolean";
        }
        else if (plain == typeof(int) || plain == typeof(long))
        {
            schema["type"] = "integer";
        }
        else if (plain == typeof(double))
        {
            schema["type"] = "number";
        }

        schema["x-csharp"] = csharp;
        return schema;
    }

    /// <summary>The type as C# writes it, with its namespace, generic arguments and nullable reference annotation.</summary>
    private static string TypeName(ParameterInfo parameter) => CSharp(parameter.ParameterType, Nullability.Create(parameter));

    private static string TypeName(PropertyInfo property) => CSharp(property.PropertyType, Nullability.Create(property));

    private static string CSharp(Type type, NullabilityInfo? nullability = null)
    {
        if (type.IsByRef)
        {
            return CSharp(type.GetElementType()!, nullability);
        }

        var nullable = !type.IsValueType && nullability?.ReadState == NullabilityState.Nullable ? "?" : string.Empty;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return CSharp(underlying) + "?";
        }

        if (type.IsArray)
        {
            return CSharp(type.GetElementType()!, nullability?.ElementType) + "[]" + nullable;
        }

        if (type.IsGenericParameter)
        {
            // An open type parameter's nullability is the caller's choice, not part of the signature.
            return type.Name;
        }

        var keyword = Keyword(type);
        if (keyword is not null)
        {
            return keyword + nullable;
        }

        var name = Name(type, qualified: true);
        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            var argumentNullability = nullability?.GenericTypeArguments;
            name = name[..name.IndexOf('<', StringComparison.Ordinal)] + "<"
                + string.Join(", ", arguments.Select((a, i) => CSharp(a, argumentNullability is { Length: > 0 } known && i < known.Length ? known[i] : null))) + ">";
        }

        return name + nullable;
    }

    private static string? Keyword(Type type) =>
        type == typeof(string) ? "string" :
        type == typeof(object) ? "object" :
        type == typeof(bool) ? "bool" :
        type == typeof(int) ? "int" :
        type == typeof(long) ? "long" :
        type == typeof(double) ? "double" :
        type == typeof(float) ? "float" :
        type == typeof(byte) ? "byte" :
        type == typeof(void) ? "void" : null;

    /// <summary><c>SkillRt.SkillContract&lt;TInput, TOutput&gt;</c>: the namespace, nesting and type parameters as C# writes them.</summary>
    private static string Name(Type type, bool qualified = true)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick] + "<" + string.Join(", ", type.GetGenericArguments().Select(a => a.IsGenericParameter ? a.Name : CSharp(a))) + ">";
        }

        if (type.IsNested)
        {
            return Name(type.DeclaringType!, qualified) + "." + name;
        }

        return qualified && type.Namespace is { Length: > 0 } space ? space + "." + name : name;
    }

    private static string Signature(MethodBase member) => string.Join(",", member.GetParameters().Select(p => p.ParameterType.FullName ?? p.ParameterType.Name));
}
