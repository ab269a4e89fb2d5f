using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.OpenApi;

namespace SkillRt.AgentDoc;

/// <summary>
/// Maps one read OpenAPI document onto the agent-doc model. One partial file per part: the document
/// (identity, summary, authentication, groups, links) here, operations, errors and schemas in their own.
/// </summary>
internal sealed partial class OpenApiMapper
{
    private readonly OpenApiDocument _document;
    private readonly OpenApiSpecVersion _version;
    private readonly byte[] _source;
    private readonly OpenApiGenerationOptions _options;
    private readonly List<OpenApiMappingProblem> _problems;

    // Tag name → group ID, in the order groups are listed.
    private readonly Dictionary<string, AgentDocGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<AgentDocGroup> _groupOrder = [];
    private readonly Dictionary<string, string> _authIds = new(StringComparer.Ordinal);

    public OpenApiMapper(OpenApiDocument document, OpenApiSpecVersion version, byte[] source, OpenApiGenerationOptions options, List<OpenApiMappingProblem> problems)
    {
        _document = document;
        _version = version;
        _source = source;
        _options = options;
        _problems = problems;
    }

    /// <summary>How many operations the source's paths hold.</summary>
    public int SourceOperationCount { get; private set; }

    public static string FormatName(OpenApiSpecVersion version) => version switch
    {
        OpenApiSpecVersion.OpenApi2_0 => "Swagger 2.0",
        OpenApiSpecVersion.OpenApi3_0 => "OpenAPI 3.0",
        OpenApiSpecVersion.OpenApi3_1 => "OpenAPI 3.1",
        _ => "OpenAPI 3.2",
    };

    private static string FormatVersion(OpenApiSpecVersion version) => version switch
    {
        OpenApiSpecVersion.OpenApi2_0 => "2.0",
        OpenApiSpecVersion.OpenApi3_0 => "3.0",
        OpenApiSpecVersion.OpenApi3_1 => "3.1",
        _ => "3.2",
    };

    public AgentDocument Map(CancellationToken cancellationToken)
    {
        var info = _document.Info;
        var authentication = MapAuthentication();
        MapDeclaredTags();
        var operations = MapOperations(cancellationToken);
        var schemas = MapSchemas(operations);
        ReportUnmapped();

        var name = _options.Name ?? AgentText.Slug(info.Title ?? string.Empty);
        if (!AgentDocRules.Name.IsMatch(name))
        {
            _problems.Add(new(OpenApiMappingSeverity.Warning, "#/info/title", $"No name could be made from the title '{info.Title}'; the agent-doc is named 'api'. Pass a name (--name)"));
            name = "api";
        }

        var version = info.Version;
        if (string.IsNullOrWhiteSpace(version))
        {
            _problems.Add(new(OpenApiMappingSeverity.Warning, "#/info/version", "The document states no version; the agent-doc's version is '0.0.0'. Answers pinned to it cannot tell releases apart"));
            version = "0.0.0";
        }

        return new AgentDocument
        {
            Identity = new AgentDocIdentity
            {
                Name = name,
                Version = version!,
                Title = info.Title,
                Source = new AgentDocSource
                {
                    Kind = _version == OpenApiSpecVersion.OpenApi2_0 ? "swagger" : "openapi",
                    Uri = _options.SourceUri,
                    FormatVersion = FormatVersion(_version),
                    Sha256 = AgentDocContentHash.OfBytes(_source),
                },
            },
            Summary = Summary(operations, authentication),
            Authentication = authentication,
            BaseUrls = BaseUrls(),
            Groups = _groupOrder.Where(g => operations.Any(o => o.Group == g.Id)).ToList(),
            Operations = operations,
            Schemas = schemas,
            Links = Links(),
        };
    }

    // What the API is (the document's own words, first paragraph), then what an agent needs to start:
    // how much there is, in which groups, how to authenticate and where to send requests.
    private string Summary(List<AgentDocOperation> operations, List<AgentDocAuthentication> authentication)
    {
        var info = _document.Info;
        var about = AgentText.FirstParagraph(info.Summary, 400) ?? AgentText.FirstParagraph(info.Description, 600) ?? $"The {info.Title} API.";
        var groups = _groupOrder.Where(g => operations.Any(o => o.Group == g.Id)).Select(g => g.Title).ToList();
        var parts = new List<string>
        {
            about,
            string.Create(CultureInfo.InvariantCulture, $"{operations.Count} operations") +
                (groups.Count > 0 ? $" in {groups.Count} groups: {string.Join(", ", groups)}." : "."),
        };
        if (authentication.Count > 0)
        {
            parts.Add("Authenticate with " + string.Join(" or ", authentication.Select(DescribeAuth)) + ".");
        }

        if (BaseUrls() is { Count: > 0 } urls)
        {
            parts.Add("Send requests to " + urls[0] + ".");
        }

        return string.Join(" ", parts);
    }

    private static string DescribeAuth(AgentDocAuthentication auth) => auth.Type switch
    {
        "http" when auth.Scheme is { } scheme => $"HTTP {scheme} authentication ('{auth.Id}')",
        "apiKey" => $"an API key in the {auth.In} '{auth.ParameterName}' ('{auth.Id}')",
        _ => $"{auth.Type} ('{auth.Id}')",
    };

    private List<AgentDocAuthentication> MapAuthentication()
    {
        var list = new List<AgentDocAuthentication>();
        foreach (var (key, scheme) in _document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>())
        {
            var id = UniqueId(key, _authIds.Values, "#/components/securitySchemes/" + Pointer(key), "security scheme");
            _authIds[key] = id;
            var scopes = new List<string>();
            if (scheme.Flows is { } flows)
            {
                foreach (var flow in new[] { flows.Implicit, flows.Password, flows.ClientCredentials, flows.AuthorizationCode, flows.DeviceAuthorization })
                {
                    scopes.AddRange(flow?.Scopes?.Keys.Where(s => !scopes.Contains(s)) ?? []);
                }
            }

            list.Add(new AgentDocAuthentication
            {
                Id = id,
                Type = scheme.Type switch
                {
                    SecuritySchemeType.ApiKey => "apiKey",
                    SecuritySchemeType.OAuth2 => "oauth2",
                    SecuritySchemeType.OpenIdConnect => "openIdConnect",
                    SecuritySchemeType.MutualTLS => "mutualTLS",
                    _ => "http",
                },
                Scheme = scheme.Scheme,
                In = scheme.Type == SecuritySchemeType.ApiKey ? scheme.In?.ToString().ToLowerInvariant() : null,
                ParameterName = scheme.Type == SecuritySchemeType.ApiKey ? scheme.Name : null,
                Description = AgentText.FirstParagraph(scheme.Description, 400),
                Scopes = scopes,
            });
        }

        return list;
    }

    private void MapDeclaredTags()
    {
        foreach (var tag in _document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name)
            {
                GroupFor(name, tag.Description);
            }
        }
    }

    private AgentDocGroup GroupFor(string tag, string? description)
    {
        if (_groups.TryGetValue(tag, out var group))
        {
            return group;
        }

        var slug = AgentText.Slug(tag);
        var id = slug.Length == 0 ? "group" : slug;
        for (var n = 2; _groupOrder.Any(g => g.Id == id); n++)
        {
            id = slug + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        group = new AgentDocGroup(id, tag, AgentText.FirstParagraph(description, 300));
        _groups[tag] = group;
        _groupOrder.Add(group);
        return group;
    }

    private List<string> BaseUrls()
    {
        var urls = new List<string>();
        foreach (var server in _document.Servers ?? [])
        {
            if (string.IsNullOrWhiteSpace(server.Url))
            {
                continue;
            }

            // A templated URL ('https://{region}.api.example.com') is given with each variable's default.
            var url = server.Url;
            foreach (var (name, variable) in server.Variables ?? new Dictionary<string, OpenApiServerVariable>())
            {
                url = url.Replace("{" + name + "}", variable.Default, StringComparison.Ordinal);
            }

            if (!urls.Contains(url))
            {
                urls.Add(url);
            }
        }

        return urls;
    }

    private List<AgentDocLink> Links()
    {
        var links = new List<AgentDocLink>();
        void Add(string title, Uri? url, string kind)
        {
            if (url is not null && url.IsAbsoluteUri && AgentDocRules.IsHttpUrl(url.AbsoluteUri) && !links.Any(l => l.Url == url.AbsoluteUri))
            {
                links.Add(new AgentDocLink(title, url.AbsoluteUri, kind));
            }
        }

        Add(AgentText.FirstSentence(_document.ExternalDocs?.Description) ?? "Documentation", _document.ExternalDocs?.Url, "reference");
        foreach (var tag in _document.Tags ?? new HashSet<OpenApiTag>())
        {
            Add(AgentText.FirstSentence(tag.ExternalDocs?.Description) ?? tag.Name + " documentation", tag.ExternalDocs?.Url, "guide");
        }

        Add("Terms of service", _document.Info.TermsOfService, "terms");
        Add(_document.Info.Contact?.Name ?? "Contact", _document.Info.Contact?.Url, "contact");
        return links;
    }

    private void ReportUnmapped()
    {
        var webhooks = (_document.Webhooks ?? new Dictionary<string, IOpenApiPathItem>()).Keys.ToList();
        if (webhooks.Count > 0)
        {
            _problems.Add(new(OpenApiMappingSeverity.Info, "#/webhooks",
                $"{webhooks.Count} webhooks are not mapped: agent-doc operations are calls an agent makes, and a webhook is a call the API makes to you ({string.Join(", ", webhooks)})"));
        }
    }

    /// <summary>An ID valid in an agent-doc and unused so far; a changed one is reported.</summary>
    private string UniqueId(string wanted, IEnumerable<string> taken, string location, string what)
    {
        var id = wanted;
        if (!AgentDocRules.Id.IsMatch(id))
        {
            var cleaned = new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '/' or '-' ? c : '-').ToArray()).Trim('-');
            id = cleaned.Length == 0 ? "id" : cleaned.Length > 128 ? cleaned.Substring(0, 128) : cleaned;
            if (!AgentDocRules.Id.IsMatch(id))
            {
                id = "_" + id.Substring(0, Math.Min(id.Length, 127));
            }
        }

        var set = taken as ICollection<string> ?? taken.ToList();
        var unique = id;
        for (var n = 2; set.Contains(unique); n++)
        {
            unique = id + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        if (unique != wanted)
        {
            _problems.Add(new(OpenApiMappingSeverity.Warning, location, $"The {what} '{wanted}' is not a valid or unique agent-doc ID; it is '{unique}' in the agent-doc"));
        }

        return unique;
    }

    /// <summary>A JSON Pointer segment (RFC 6901).</summary>
    private static string Pointer(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
