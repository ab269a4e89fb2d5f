namespace SkillRt.Registry.Web.Search;

/// <summary>The words the search page uses for facet values, so nothing is shown only as a code.</summary>
internal static class SearchLabels
{
    /// <summary>A runtime type in words (<c>mcp-tool</c> → MCP tool); an unknown type as written.</summary>
    public static string Runtime(string value) => value switch
    {
        "markdown-skill" => "Markdown skill",
        "anthropic-skill" => "Anthropic skill",
        "process" => "Process",
        "mcp-tool" => "MCP tool",
        "model" => "Model",
        _ => value,
    };

    /// <summary>A permission kind as what the skill may touch.</summary>
    public static string Permission(string value) => value switch
    {
        "network" => "Network access",
        "filesystem" => "File access",
        "env" => "Environment variables",
        _ => value,
    };

    /// <summary>A value of any facet, in words.</summary>
    public static string Value(string facet, string value) => facet switch
    {
        SearchPageRequest.RuntimeName => Runtime(value),
        SearchPageRequest.PermissionName => Permission(value),
        SearchPageRequest.TypedName => value == "true" ? "Typed output (JSON Schema)" : "Untyped output",
        SearchPageRequest.VerifiedName => value == "true" ? "Verified namespace" : "Not verified",
        _ => value,
    };

    /// <summary>A facet's heading.</summary>
    public static string Facet(string facet) => facet switch
    {
        SearchPageRequest.RuntimeName => "Runtime",
        SearchPageRequest.PermissionName => "Permissions needed",
        SearchPageRequest.TypedName => "Output",
        SearchPageRequest.OwnerName => "Owner",
        SearchPageRequest.VerifiedName => "Namespace",
        _ => facet,
    };
}
