using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkillRt.Memory.Kinds;

namespace SkillRt.Memory.Querying;

/// <summary>Validates a <see cref="MemoryQuery"/> and turns it into SQLite conditions; every operand is a parameter.</summary>
internal static partial class QueryCompiler
{
    public const int MaxFilters = 32;
    public const int MaxInItems = 100;
    public const int MaxTextLength = 4096;
    public const int MaxWords = 64;

    public static CompiledQuery Compile(MemoryQuery query, SkillMemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder(query.IncludeArchived ? "m.state IN (0, 1)" : "m.state = 0");
        var parameters = new List<KeyValuePair<string, object>>();
        var fingerprint = new StringBuilder();
        string Add(object value)
        {
            var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add(new(name, value));
            return name;
        }

        // With tags, the tag index should drive the query (tags are usually selective); '+' keeps SQLite
        // from scanning the namespace index in time order and testing every row against the tag lists.
        AppendNamespaces(query.Namespaces, "namespaces", sql, Add, indexed: query.Tags is not { Count: > 0 });
        fingerprint.Append("ns=").AppendJoin(',', query.Namespaces ?? []).Append(";arch=").Append(query.IncludeArchived);

        if (query.Kinds is { Count: > 0 } kinds)
        {
            for (var i = 0; i < kinds.Count; i++)
            {
                if (!MemoryNames.IsValidKind(kinds[i]))
                {
                    throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"kinds[{i}] '{kinds[i]}' is not a kind name (lowercase a-z, 0-9 and single hyphens).");
                }
            }

            sql.Append(" AND m.kind IN (").AppendJoin(", ", kinds.Select(k => Add(k))).Append(')');
            fingerprint.Append(";kinds=").AppendJoin(',', kinds);
        }

        if (query.Key is not null)
        {
            if (!MemoryNames.IsValidKey(query.Key))
            {
                throw new MemoryException(MemoryErrorCodes.InvalidKey, $"The key is not valid: use 1-{MemoryNames.MaxKeyLength} characters without control characters or leading/trailing white space.");
            }

            sql.Append(" AND m.key = ").Append(Add(query.Key));
            fingerprint.Append(";key=").Append(query.Key);
        }

        if (query.Tags is { Count: > 0 } tags)
        {
            for (var i = 0; i < tags.Count; i++)
            {
                if (!MemoryNames.IsValidTag(tags[i], options.MaxTagLength))
                {
                    throw new MemoryException(MemoryErrorCodes.InvalidTags, $"tags[{i}] '{tags[i]}' is not a tag: 1-{options.MaxTagLength} characters of lowercase a-z, 0-9, '-', '_', '.', ':', starting with a letter or digit.");
                }

                sql.Append(" AND m.seq IN (SELECT t.seq FROM memory_tags t WHERE t.tag = ").Append(Add(tags[i])).Append(')');
            }

            fingerprint.Append(";tags=").AppendJoin(',', tags);
        }

        if (query.Filters is { Count: > 0 } filters)
        {
            if (filters.Count > MaxFilters)
            {
                throw new MemoryException(MemoryErrorCodes.InvalidFilter, $"A query has at most {MaxFilters} filters; it has {filters.Count}.");
            }

            for (var i = 0; i < filters.Count; i++)
            {
                sql.Append(" AND ").Append(FilterSql(filters[i], i, Add));
                fingerprint.Append(";f=").Append(filters[i].Path).Append('|').Append((int)filters[i].Operator).Append('|')
                    .Append(filters[i].Value.ValueKind == JsonValueKind.Undefined ? "" : CanonicalJson.Write(filters[i].Value));
            }
        }

        if (query.TimeRange is { } range)
        {
            var column = range.Field switch
            {
                MemoryTimeField.Updated => "m.updated_at",
                MemoryTimeField.Created => "m.created_at",
                MemoryTimeField.ValidFrom => "m.valid_from",
                MemoryTimeField.LastRead => "m.last_read_at",
                _ => throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"timeRange.field {(int)range.Field} is unknown: use Updated, Created, ValidFrom or LastRead."),
            };
            if (range.From is { } from && range.To is { } to && to <= from)
            {
                throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"timeRange.to ({to:O}) is not after timeRange.from ({from:O}).");
            }

            if (range.From is { } start)
            {
                sql.Append(" AND ").Append(column).Append(" >= ").Append(Add(start.ToUnixTimeMilliseconds()));
            }

            if (range.To is { } end)
            {
                sql.Append(" AND ").Append(column).Append(" < ").Append(Add(end.ToUnixTimeMilliseconds()));
            }

            fingerprint.Append(";time=").Append((int)range.Field).Append('|').Append(range.From?.ToUnixTimeMilliseconds()).Append('|').Append(range.To?.ToUnixTimeMilliseconds());
        }

        string? fullText = null;
        if (query.Text is not null)
        {
            fullText = ToFtsQuery(query.Text, " ", "text");
            fingerprint.Append(";text=").Append(query.Text);
        }

        if (query.SimilarTo is not null)
        {
            if (string.IsNullOrWhiteSpace(query.SimilarTo) || query.SimilarTo.Length > MaxTextLength)
            {
                throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"similarTo must be 1-{MaxTextLength} characters of text.");
            }

            fingerprint.Append(";similar=").Append(query.SimilarTo).Append('|').Append(query.MinSimilarity);
        }

        if (query.MinSimilarity is { } min && (double.IsNaN(min) || min < 0 || min > 1 || query.SimilarTo is null))
        {
            throw new MemoryException(MemoryErrorCodes.InvalidRequest, "minSimilarity is a number from 0 to 1, and only goes with similarTo.");
        }

        var pageSize = query.PageSize ?? options.DefaultPageSize;
        if (pageSize < 1 || pageSize > options.MaxPageSize)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"pageSize {pageSize} is out of range: use 1 to {options.MaxPageSize}.");
        }

        if (query.TokenBudget is < 1)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"tokenBudget {query.TokenBudget} must be positive.");
        }

        return new CompiledQuery
        {
            Where = sql.ToString(),
            Parameters = parameters,
            Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint.ToString())), 0, 16),
            FullText = fullText,
            SimilarTo = query.SimilarTo,
            MinSimilarity = query.MinSimilarity,
            PageSize = pageSize,
            TokenBudget = query.TokenBudget,
        };
    }

    /// <summary>Namespace conditions: exact names, and <c>ns/*</c> as the range of names strictly below <c>ns</c> (index-friendly: '/' + 1 is '0').</summary>
    public static void AppendNamespaces(IReadOnlyList<string>? namespaces, string field, StringBuilder sql, Func<object, string> add, bool indexed = true)
    {
        var column = indexed ? "m.namespace" : "+m.namespace";
        if (namespaces is null || namespaces.Count == 0)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidNamespace, $"{field} is empty: name at least one namespace (e.g. 'acme/payments' or 'acme/*').");
        }

        var conditions = new List<string>();
        for (var i = 0; i < namespaces.Count; i++)
        {
            if (!MemoryNames.IsValidNamespacePattern(namespaces[i], out var name, out var subtree))
            {
                throw new MemoryException(MemoryErrorCodes.InvalidNamespace, $"{field}[{i}] '{namespaces[i]}' is not a namespace. {MemoryNames.DescribeNamespaceRule()} Add '/*' for every namespace below one.");
            }

            conditions.Add(subtree
                ? $"({column} > {add(name + "/")} AND {column} < {add(name + "0")})"
                : $"{column} = {add(name)}");
        }

        sql.Append(" AND (").AppendJoin(" OR ", conditions).Append(')');
    }

    /// <summary>The words of <paramref name="text"/> as an FTS5 query, each a quoted phrase joined by <paramref name="joiner"/> (space: all words; " OR ": any).</summary>
    public static string ToFtsQuery(string text, string joiner, string field)
    {
        if (text.Length > MaxTextLength)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"{field} is {text.Length} characters; use at most {MaxTextLength}.");
        }

        var words = Words(text).Take(MaxWords).ToArray();
        if (words.Length == 0)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"{field} has no words to search for: give at least one word of letters or digits.");
        }

        return string.Join(joiner, words.Select(w => "\"" + w + "\""));
    }

    public static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    private static string FilterSql(MemoryFilter filter, int index, Func<object, string> add)
    {
        var at = $"filters[{index}]";
        if (filter is null)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidFilter, $"{at} is null.");
        }

        if (!ValuePath.TryToSqlite(filter.Path, out var sqlitePath, out var problem))
        {
            throw new MemoryException(MemoryErrorCodes.InvalidFilter, $"{at}.path '{filter.Path}' is not a value path: {problem}.", [new MemoryError(at + ".path", problem)]);
        }

        var path = add(sqlitePath);
        var type = $"json_type(m.value, {path})";
        var extract = $"json_extract(m.value, {path})";
        var value = filter.Value;
        switch (filter.Operator)
        {
            case FilterOperator.Exists:
                return $"{type} IS NOT NULL";
            case FilterOperator.Equal:
                return Equality(type, extract, RequireScalar(value, at), add);
            case FilterOperator.NotEqual:
                return $"NOT COALESCE({Equality(type, extract, RequireScalar(value, at), add)}, 0)";
            case FilterOperator.In:
                if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MaxInItems)
                {
                    throw new MemoryException(MemoryErrorCodes.InvalidFilter, $"{at}.value must be an array of 1-{MaxInItems} strings, numbers, booleans or nulls for 'in'.");
                }

                return "(" + string.Join(" OR ", value.EnumerateArray().Select(item => Equality(type, extract, RequireScalar(item, at + ".value[]"), add))) + ")";
            case FilterOperator.Contains:
                var operand = RequireScalar(value, at);
                var inArray = $"EXISTS (SELECT 1 FROM json_each(m.value, {path}) j WHERE {Equality("j.type", "j.value", operand, add)})";
                return operand.ValueKind == JsonValueKind.String
                    ? $"(({type} = 'text' AND instr({extract}, {add(operand.GetString()!)}) > 0) OR ({type} = 'array' AND {inArray}))"
                    : $"({type} = 'array' AND {inArray})";
            case FilterOperator.LessThan:
            case FilterOperator.LessThanOrEqual:
            case FilterOperator.GreaterThan:
            case FilterOperator.GreaterThanOrEqual:
                var comparison = filter.Operator switch
                {
                    FilterOperator.LessThan => "<",
                    FilterOperator.LessThanOrEqual => "<=",
                    FilterOperator.GreaterThan => ">",
                    _ => ">=",
                };
                return value.ValueKind switch
                {
                    JsonValueKind.Number => $"({type} IN ('integer', 'real') AND {extract} {comparison} {add(value.GetDouble())})",
                    JsonValueKind.String => $"({type} = 'text' AND {extract} {comparison} {add(value.GetString()!)})",
                    _ => throw new MemoryException(MemoryErrorCodes.InvalidFilter, $"{at}.value must be a number or a string for an ordering comparison; it is {Describe(value)}."),
                };
            default:
                throw new MemoryException(MemoryErrorCodes.InvalidFilter, $"{at}.operator {(int)filter.Operator} is unknown: use eq, ne, lt, lte, gt, gte, in, contains or exists.");
        }
    }

    private static JsonElement RequireScalar(JsonElement value, string at) => value.ValueKind switch
    {
        JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => value,
        _ => throw new MemoryException(MemoryErrorCodes.InvalidFilter, $"{at}.value must be a string, number, boolean or null; it is {Describe(value)}."),
    };

    private static string Describe(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? "missing" : "a JSON " + value.ValueKind.ToString().ToLowerInvariant();

    /// <summary>Type-strict equality: "1" never equals 1, true never equals 1 (SQLite stores booleans as integers).</summary>
    private static string Equality(string type, string extract, JsonElement operand, Func<object, string> add) => operand.ValueKind switch
    {
        JsonValueKind.String => $"({type} = 'text' AND {extract} = {add(operand.GetString()!)})",
        JsonValueKind.Number => $"({type} IN ('integer', 'real') AND {extract} = {add(operand.TryGetInt64(out var whole) ? whole : operand.GetDouble())})",
        JsonValueKind.True => $"{type} = 'true'",
        JsonValueKind.False => $"{type} = 'false'",
        _ => $"{type} = 'null'",
    };
}
