namespace SkillRt;

/// <summary>The <c>outputs</c> section.</summary>
internal sealed partial class ManifestBinder
{
    private static readonly string[] OutputKeys = ["type", "schema", "description"];

    private SkillOutput BindOutput(FrontmatterNode node)
    {
        if (ReadMapping(node, "outputs") is not { } mapping)
        {
            return SkillOutput.Text;
        }

        CheckKeys(mapping, "outputs", OutputKeys);
        var schema = mapping["schema"];

        // With no type, a schema implies json; without either, the output is text.
        var type = schema is null ? SkillOutputType.Text : SkillOutputType.Json;
        if (mapping["type"] is { } typeNode && ReadString(typeNode, "outputs.type") is { } typeName)
        {
            switch (typeName)
            {
                case "text":
                    type = SkillOutputType.Text;
                    break;
                case "json":
                    type = SkillOutputType.Json;
                    break;
                case "file":
                    type = SkillOutputType.File;
                    break;
                default:
                    Report(SkillDiagnosticDescriptors.UnknownOutputType, typeNode.Span, typeName);
                    break;
            }
        }

        string? description = null;
        if (mapping["description"] is { } descriptionNode)
        {
            description = ReadString(descriptionNode, "outputs.description");
        }

        if (schema is not null)
        {
            if (type == SkillOutputType.Json)
            {
                SchemaChecker.Check(schema, "outputs.schema", _diagnostics);
            }
            else
            {
                Report(SkillDiagnosticDescriptors.SchemaIgnored, mapping.Find("schema")!.Key.Span, type.ToWireName());
                schema = null;
            }
        }

        return new SkillOutput { Type = type, Schema = schema, Description = description, Span = mapping.Span };
    }
}
