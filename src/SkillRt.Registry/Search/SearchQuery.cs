using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Registry.Search;

/// <summary>
/// A parsed query: the free-text words (lowercase, split as the index splits text) and the filters,
/// which all must hold. The whole text is kept to rank an exact ID first.
/// </summary>
internal sealed record SearchQuery(string Text, IReadOnlyList<string> Terms, IReadOnlyList<SearchFilter> Filters)
{
    /// <summary>
    /// Parses <c>pr review runtime:process permission:network typed:true</c>. A <c>name:value</c> whose
    /// name is not a filter is free text; a value may be quoted (<c>tags:"code review"</c>).
    /// </summary>
    public static SearchQuery Parse(string? query)
    {
        var text = (query ?? string.Empty).Trim();
        var terms = new List<string>();
        var filters = new List<SearchFilter>();
        var freeText = new List<string>();
        foreach (var token in Split(text))
        {
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && colon < token.Length - 1 && KindOf(token[..colon]) is { } kind)
            {
                var value = token[(colon + 1)..].Trim('"').Trim().ToLowerInvariant();
                if (value.Length > 0)
                {
                    filters.Add(new SearchFilter(kind, value));
                }

                continue;
            }

            freeText.Add(token);
            terms.AddRange(SearchTokenizer.Words(token));
        }

        return new SearchQuery(string.Join(' ', freeText).ToLowerInvariant(), terms, filters);
    }

    private static SearchFilterKind? KindOf(string name) => name.ToLowerInvariant() switch
    {
        "runtime" => SearchFilterKind.Runtime,
        "permission" => SearchFilterKind.Permission,
        "output" => SearchFilterKind.Output,
        "input" => SearchFilterKind.Input,
        "tag" or "tags" => SearchFilterKind.Tag,
        "owner" or "owners" => SearchFilterKind.Owner,
        "packageid" or "id" => SearchFilterKind.PackageId,
        "verified" => SearchFilterKind.Verified,
        "typed" => SearchFilterKind.Typed,
        _ => null,
    };

    // Splits on white space, keeping a quoted value ("a b") in one token.
    private static IEnumerable<string> Split(string text)
    {
        var start = -1;
        var quoted = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (start >= 0)
                {
                    yield return text[start..i];
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0 && start < text.Length)
        {
            yield return text[start..];
        }
    }

    /// <summary>
    /// The query as a cache key: the same question however it was spelled (filters in any order or
    /// repeated, any case, extra spaces) gives the same key.
    /// </summary>
    public string Key() =>
        Text + "\n" + string.Join('\n', Filters.Distinct().OrderBy(f => f.Kind).ThenBy(f => f.Value, StringComparer.Ordinal).Select(f => SearchDocument.FilterValue(f.Kind, f.Value)));
}
