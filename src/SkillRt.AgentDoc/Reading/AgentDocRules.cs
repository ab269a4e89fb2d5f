using System;
using System.Text.RegularExpressions;

namespace SkillRt.AgentDoc;

/// <summary>The value rules of the spec, shared by the reader and the OpenAPI generator so both agree.</summary>
internal static class AgentDocRules
{
    /// <summary>The document's name: lowercase, like a package name.</summary>
    public static readonly Regex Name = new("^[a-z0-9][a-z0-9._-]{0,99}$", RegexOptions.CultureInvariant);

    /// <summary>IDs of operations, groups, authentication, workflows and steps: OpenAPI operationIds as they are mostly written.</summary>
    public static readonly Regex Id = new("^[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,127}$", RegexOptions.CultureInvariant);

    public static readonly Regex Hash = new("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant);

    public static readonly Regex Status = new("^(?:[1-5][0-9][0-9]|[1-5]XX|default)$", RegexOptions.CultureInvariant);

    public static readonly Regex Duration = new("^P(?:[0-9]+[YMWD])*(?:T(?:[0-9]+(?:\\.[0-9]+)?[HMS])+)?$", RegexOptions.CultureInvariant);

    public static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "QUERY"];

    public static readonly string[] Effects = ["read", "create", "update", "delete", "action"];

    public static readonly string[] AuthTypes = ["http", "apiKey", "oauth2", "openIdConnect", "mutualTLS"];

    public static readonly string[] AuthLocations = ["header", "query", "cookie"];

    public static readonly string[] SourceKinds = ["openapi", "swagger", "manual", "other"];

    public static readonly string[] LinkKinds = ["reference", "guide", "changelog", "terms", "contact", "other"];

    public const string IdRule = "use 1 to 128 letters, digits and '_', '.', ':', '/' or '-', starting with a letter, digit or '_'";

    public const string NameRule = "use 1 to 100 lowercase letters, digits and '.', '_' or '-', starting with a letter or digit (for example 'resend')";

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static string OneOf(string[] values) => "use one of " + string.Join(", ", values);
}
