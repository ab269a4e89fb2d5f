using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SkillRt.Cli.Tests.SelfAgentDoc;

/// <summary>
/// An assembly's XML documentation file, looked up by reflection member, with the comments turned into
/// the Markdown an agent-doc holds. IDs are built by the compiler's documentation-ID rules (ECMA-334 annex D).
/// </summary>
internal sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, XElement> _members;

    private XmlDocumentation(Dictionary<string, XElement> members) => _members = members;

    public static XmlDocumentation Load(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: the build copies the XML documentation of referenced projects beside the tests.");
        }

        var members = XDocument.Load(path).Root!.Element("members")!.Elements("member")
            .ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal);
        return new XmlDocumentation(members);
    }

    /// <summary>The member's summary as Markdown; its base's or interface's when it only inherits one.</summary>
    public string Summary(MemberInfo member) => Text(Element(member)?.Element("summary"));

    /// <summary>What a parameter is, from its <c>param</c> tag.</summary>
    public string Parameter(MethodBase method, string name) =>
        Text(Element(method)?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == name));

    /// <summary>What a method returns, from its <c>returns</c> tag.</summary>
    public string Returns(MethodInfo method) => Text(Element(method)?.Element("returns"));

    /// <summary>The exceptions a member documents: the type's short name and when it is thrown.</summary>
    public IEnumerable<(string Type, string When)> Exceptions(MemberInfo member) =>
        Element(member)?.Elements("exception").Select(e => (ShortName((string?)e.Attribute("cref") ?? "Exception"), Text(e))) ?? [];

    private XElement? Element(MemberInfo member)
    {
        var element = _members.GetValueOrDefault(Id(member));
        if (element?.Element("inheritdoc") is null)
        {
            return element;
        }

        // <inheritdoc/>: the overridden member's comment, else the implemented interface member's.
        if (member is MethodInfo method)
        {
            var baseMethod = method.GetBaseDefinition();
            if (baseMethod != method && _members.GetValueOrDefault(Id(baseMethod)) is { } inherited)
            {
                return inherited;
            }

            foreach (var contract in method.DeclaringType!.GetInterfaces())
            {
                var map = method.DeclaringType.GetInterfaceMap(contract);
                var index = Array.IndexOf(map.TargetMethods, method);
                if (index >= 0 && _members.GetValueOrDefault(Id(map.InterfaceMethods[index])) is { } implemented)
                {
                    return implemented;
                }
            }
        }

        return element;
    }

    /// <summary>The documentation ID of a type, method, constructor, property, field or event.</summary>
    public static string Id(MemberInfo member) => member switch
    {
        Type type => "T:" + TypeId(type),
        ConstructorInfo constructor => "M:" + TypeId(constructor.DeclaringType!) + ".#ctor" + Parameters(constructor),
        MethodInfo method => "M:" + TypeId(method.DeclaringType!) + "." + method.Name.Replace('.', '#')
            + (method.IsGenericMethod ? "``" + method.GetGenericArguments().Length : string.Empty) + Parameters(method),
        PropertyInfo property => "P:" + TypeId(property.DeclaringType!) + "." + property.Name
            + (property.GetIndexParameters().Length > 0 ? "(" + string.Join(",", property.GetIndexParameters().Select(p => ParameterId(p.ParameterType))) + ")" : string.Empty),
        FieldInfo field => "F:" + TypeId(field.DeclaringType!) + "." + field.Name,
        EventInfo @event => "E:" + TypeId(@event.DeclaringType!) + "." + @event.Name,
        _ => throw new ArgumentException($"No documentation ID for a {member.MemberType}.", nameof(member)),
    };

    private static string Parameters(MethodBase method)
    {
        var parameters = method.GetParameters();
        return parameters.Length == 0 ? string.Empty : "(" + string.Join(",", parameters.Select(p => ParameterId(p.ParameterType))) + ")";
    }

    private static string TypeId(Type type) =>
        type.IsNested ? TypeId(type.DeclaringType!) + "." + type.Name : (type.Namespace is null ? string.Empty : type.Namespace + ".") + type.Name;

    private static string ParameterId(Type type)
    {
        if (type.IsByRef)
        {
            return ParameterId(type.GetElementType()!) + "@";
        }

        if (type.IsArray)
        {
            return ParameterId(type.GetElementType()!) + (type.GetArrayRank() == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", type.GetArrayRank())) + "]");
        }

        if (type.IsPointer)
        {
            return ParameterId(type.GetElementType()!) + "*";
        }

        if (type.IsGenericMethodParameter)
        {
            return "``" + type.GenericParameterPosition;
        }

        if (type.IsGenericTypeParameter)
        {
            return "`" + type.GenericParameterPosition;
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var name = TypeId(definition);
            name = name[..name.LastIndexOf('`')];
            return name + "{" + string.Join(",", type.GetGenericArguments().Select(ParameterId)) + "}";
        }

        return TypeId(type);
    }

    /// <summary>A comment element as Markdown: code in backticks, references by their short name, paragraphs and lists kept.</summary>
    private static string Text(XElement? element)
    {
        if (element is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        Append(element, text);
        var lines = text.ToString().Split('\n').Select(line => Spaces().Replace(line, " ").Trim());
        return MoreBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    private static void Append(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText literal:
                    // Line breaks in a comment are layout; paragraphs and list items are elements.
                    text.Append(Whitespace().Replace(literal.Value, " "));
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } reference:
                    var target = (string?)reference.Attribute("langword") ?? ShortName((string?)reference.Attribute("cref") ?? (string?)reference.Attribute("href") ?? string.Empty);
                    text.Append(reference.Value.Length > 0 ? reference.Value : "`" + target + "`");
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append('`').Append((string?)reference.Attribute("name")).Append('`');
                    break;
                case XElement { Name.LocalName: "c" } code:
                    text.Append('`').Append(code.Value).Append('`');
                    break;
                case XElement { Name.LocalName: "code" }:
                    break;
                case XElement { Name.LocalName: "para" } paragraph:
                    text.Append("\n\n");
                    Append(paragraph, text);
                    text.Append("\n\n");
                    break;
                case XElement { Name.LocalName: "item" } item:
                    text.Append("\n- ");
                    Append(item, text);
                    break;
                case XElement other:
                    Append(other, text);
                    break;
            }
        }
    }

    /// <summary><c>T:SkillRt.SkillRunner</c> → <c>SkillRunner</c>; <c>M:SkillRt.SkillRunner.RunAsync``2(…)</c> → <c>SkillRunner.RunAsync</c>.</summary>
    private static string ShortName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var open = name.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            name = name[..open];
        }

        name = Arity().Replace(name, string.Empty).Replace("#ctor", "new", StringComparison.Ordinal);
        var parts = name.Split('.');
        var keep = cref.StartsWith("T:", StringComparison.Ordinal) || parts.Length < 2 ? 1 : 2;
        return string.Join('.', parts.TakeLast(keep));
    }

    [GeneratedRegex("[ \t\r]+")]
    private static partial Regex Spaces();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex MoreBlankLines();

    [GeneratedRegex("`+[0-9]+")]
    private static partial Regex Arity();
}
