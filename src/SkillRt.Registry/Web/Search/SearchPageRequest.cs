using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.AspNetCore.Http;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Search;

namespace SkillRt.Registry.Web.Search;

/// <summary>
/// What the search page at <c>/</c> was asked, read from its query string (<c>q</c>, <c>runtime</c>,
/// <c>permission</c>, <c>typed</c>, <c>owner</c>, <c>verified</c>, <c>page</c>), and the links it
/// offers, written in one canonical order so one question has one URL. Values are lowercase; a facet
/// that may hold several values (runtime, permission) keeps them sorted.
/// </summary>
internal sealed record SearchPageRequest(
    string Query,
    IReadOnlyList<string> Runtimes,
    IReadOnlyList<string> Permissions,
    bool? Typed,
    string? Owner,
    bool? Verified,
    int Page)
{
    /// <summary>Results on a page; fixed, so a page number names the same results for everyone.</summary>
    public const int PageSize = 20;

    /// <summary>The highest page number read; beyond it the request is clamped (20 × 5,000 = 100,000 results).</summary>
    public const int MaxPage = 5000;

    /// <summary>The most values one facet parameter keeps (each is a filter the search must apply).</summary>
    public const int MaxValuesPerFacet = 8;

    /// <summary>The longest facet value kept (owner names and runtime types are far shorter).</summary>
    public const int MaxValueLength = 64;

    /// <summary>Facet parameter names, as the URL and the search's facets spell them.</summary>
    public const string RuntimeName = "runtime", PermissionName = "permission", TypedName = "typed", OwnerName = "owner", VerifiedName = "verified";

    public static SearchPageRequest Empty { get; } = new(string.Empty, [], [], null, null, null, 1);

    /// <summary>Whether any facet filter is on (the text query aside).</summary>
    public bool HasFilters => Runtimes.Count > 0 || Permissions.Count > 0 || Typed is not null || Owner is not null || Verified is not null;

    /// <summary>How many facet filters are on.</summary>
    public int FilterCount => Runtimes.Count + Permissions.Count + (Typed is null ? 0 : 1) + (Owner is null ? 0 : 1) + (Verified is null ? 0 : 1);

    /// <summary>
    /// Reads the query string. Nothing in it is an error: a bad value is left out (or clamped) and
    /// described in <paramref name="problems"/> in words a reader can act on.
    /// </summary>
    public static SearchPageRequest Read(IQueryCollection query, RegistryOptions options, List<string> problems, out bool queryTooLong)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        var text = query["q"].ToString().Trim();
        queryTooLong = text.Length > options.MaxQueryLength;
        if (queryTooLong)
        {
            problems.Add($"Your search is {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; the most this registry accepts is {options.MaxQueryLength}. Shorten it and search again.");
            text = text[..options.MaxQueryLength];
        }

        var page = 1;
        var pageText = query["page"].ToString();
        if (pageText.Length > 0)
        {
            if (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1)
            {
                problems.Add($"“{Shorten(pageText)}” is not a page number; showing the first page.");
                page = 1;
            }
            else if (page > MaxPage)
            {
                problems.Add($"Page {Shorten(pageText)} is beyond the last page this registry shows ({MaxPage.ToString("N0", CultureInfo.InvariantCulture)}); narrow the search instead.");
                page = MaxPage;
            }
        }

        return new SearchPageRequest(
            text,
            Values(query, RuntimeName, problems),
            Values(query, PermissionName, problems),
            Flag(query, TypedName, problems),
            Values(query, OwnerName, problems).FirstOrDefault(),
            Flag(query, VerifiedName, problems),
            page);
    }

    /// <summary>The search this page runs: the text as typed, then each facet as a <c>name:"value"</c> filter.</summary>
    public SearchQuery ToSearchQuery()
    {
        var text = new StringBuilder(Query);
        void Add(string name, string value) => text.Append(' ').Append(name).Append(":\"").Append(value).Append('"');
        foreach (var runtime in Runtimes)
        {
            Add(RuntimeName, runtime);
        }

        foreach (var permission in Permissions)
        {
            Add(PermissionName, permission);
        }

        if (Typed is { } typed)
        {
            Add(TypedName, RelationalPackageSearch.Flag(typed));
        }

        if (Owner is { } owner)
        {
            Add(OwnerName, owner);
        }

        if (Verified is { } verified)
        {
            Add(VerifiedName, RelationalPackageSearch.Flag(verified));
        }

        return SearchQuery.Parse(text.ToString());
    }

    /// <summary>Whether <paramref name="value"/> of <paramref name="facet"/> is on.</summary>
    public bool IsActive(string facet, string value) => facet switch
    {
        RuntimeName => Runtimes.Contains(value, StringComparer.OrdinalIgnoreCase),
        PermissionName => Permissions.Contains(value, StringComparer.OrdinalIgnoreCase),
        TypedName => Typed is { } typed && RelationalPackageSearch.Flag(typed) == value,
        OwnerName => string.Equals(Owner, value, StringComparison.OrdinalIgnoreCase),
        VerifiedName => Verified is { } verified && RelationalPackageSearch.Flag(verified) == value,
        _ => false,
    };

    /// <summary>
    /// The request with <paramref name="value"/> of <paramref name="facet"/> turned on (added to a facet of
    /// several values, replacing the value of a facet of one) or, when it is on, off; back to page 1.
    /// </summary>
    public SearchPageRequest Toggle(string facet, string value)
    {
        var on = !IsActive(facet, value);
        value = value.ToLowerInvariant();
        var changed = facet switch
        {
            RuntimeName => this with { Runtimes = Switch(Runtimes, value, on) },
            PermissionName => this with { Permissions = Switch(Permissions, value, on) },
            TypedName => this with { Typed = on ? value == "true" : null },
            OwnerName => this with { Owner = on ? value : null },
            VerifiedName => this with { Verified = on ? value == "true" : null },
            _ => this,
        };
        return changed with { Page = 1 };
    }

    /// <summary>The request without any facet filter (the text stays), on page 1.</summary>
    public SearchPageRequest WithoutFilters() => Empty with { Query = Query };

    public SearchPageRequest WithPage(int page) => this with { Page = page };

    /// <summary>The canonical URL: parameters in a fixed order, defaults left out, page 1 unnamed.</summary>
    public string Url()
    {
        var parts = new List<string>();
        void Add(string name, string value) => parts.Add(name + "=" + Uri.EscapeDataString(value));
        if (Query.Length > 0)
        {
            Add("q", Query);
        }

        Runtimes.ToList().ForEach(r => Add(RuntimeName, r));
        Permissions.ToList().ForEach(p => Add(PermissionName, p));
        if (Typed is { } typed)
        {
            Add(TypedName, RelationalPackageSearch.Flag(typed));
        }

        if (Owner is { } owner)
        {
            Add(OwnerName, owner);
        }

        if (Verified is { } verified)
        {
            Add(VerifiedName, RelationalPackageSearch.Flag(verified));
        }

        if (Page > 1)
        {
            Add("page", Page.ToString(CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? "/" : "/?" + string.Join('&', parts);
    }

    private static List<string> Switch(IReadOnlyList<string> values, string value, bool on) =>
        (on ? values.Append(value) : values.Where(v => !string.Equals(v, value, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static List<string> Values(IQueryCollection query, string name, List<string> problems)
    {
        var values = new List<string>();
        foreach (var raw in query[name])
        {
            // Quotes would end the value inside the search's name:"value" syntax; nothing legitimate has them.
            var value = (raw ?? string.Empty).Replace("\"", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();
            if (value.Length == 0)
            {
                continue;
            }

            if (value.Length > MaxValueLength)
            {
                problems.Add($"The {name} filter “{Shorten(value)}” is longer than {MaxValueLength} characters and was left out.");
                continue;
            }

            values.Add(value);
        }

        values = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (values.Count > MaxValuesPerFacet)
        {
            problems.Add($"Only the first {MaxValuesPerFacet} {name} filters are used; the rest were left out.");
            values = values.Take(MaxValuesPerFacet).ToList();
        }

        return values;
    }

    private static bool? Flag(IQueryCollection query, string name, List<string> problems)
    {
        var text = query[name].ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"The {name} filter must be true or false; “{Shorten(text)}” was left out.");
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
