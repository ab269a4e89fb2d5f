using System;
using System.Collections.Generic;
using System.Linq;
using SkillRt.Registry.Storage;

namespace SkillRt.Registry.Search;

/// <summary>
/// What the index holds for one package in one view (latest listed stable, or latest listed including
/// prereleases): its text as words, the skill facts as the version stored them (space-separated), and
/// whether its output is typed (<see cref="TypedOutput"/>).
/// </summary>
internal sealed record SearchDocument(
    Guid RegistrationId,
    bool Prerelease,
    Guid VersionId,
    string NormalizedId,
    string IdWords,
    string Title,
    string Tags,
    string Description,
    string SkillText,
    string Runtimes,
    string Permissions,
    string Outputs,
    string Inputs,
    bool Typed)
{
    public static SearchDocument Create(PackageRegistration package, PackageVersionRecord version, bool prerelease) => new(
        package.Id,
        prerelease,
        version.Id,
        package.NormalizedId,
        SearchTokenizer.Join(SearchTokenizer.IdWords(package.PackageId)),
        SearchTokenizer.Join(SearchTokenizer.Words(version.Title)),
        (version.Tags ?? string.Empty).ToLowerInvariant(),
        SearchTokenizer.Join(SearchTokenizer.Words(version.Description)),
        Bounded(SearchTokenizer.Join(SearchTokenizer.Words(version.SearchText))),
        version.Runtimes.ToLowerInvariant(),
        version.Permissions.ToLowerInvariant(),
        version.OutputTypes.ToLowerInvariant(),
        version.Inputs.ToLowerInvariant(),
        TypedOutput.Of(version.ManifestJson));

    // A package of many skills can have more text than an index row should hold (PostgreSQL refuses a
    // tsvector over 1 MB, and a refused row would be retried on every search): the first 100,000
    // characters of words are indexed, which is every word of any ordinary package.
    private const int MaxSkillTextCharacters = 100_000;

    private static string Bounded(string words)
    {
        if (words.Length <= MaxSkillTextCharacters)
        {
            return words;
        }

        var cut = words.LastIndexOf(' ', MaxSkillTextCharacters);
        return words[..(cut > 0 ? cut : MaxSkillTextCharacters)];
    }

    /// <summary>Every distinct word a query may ask for (the vocabulary typo tolerance corrects towards).</summary>
    public IEnumerable<string> Vocabulary() =>
        new[] { IdWords, Title, Tags, Description, SkillText, Inputs }
            .SelectMany(text => SearchTokenizer.Words(text))
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The filter values this document satisfies, as <c>kind:value</c>: each value whole and each of its
    /// words, so <c>runtime:mcp-tool</c> and <c>input:url</c> (of <c>pr_url</c>) both match.
    /// </summary>
    public IEnumerable<string> FilterValues()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        void Add(SearchFilterKind kind, string text)
        {
            foreach (var value in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                values.Add(FilterValue(kind, value));
                foreach (var word in SearchTokenizer.Words(value))
                {
                    values.Add(FilterValue(kind, word));
                }
            }
        }

        Add(SearchFilterKind.Runtime, Runtimes);
        Add(SearchFilterKind.Permission, Permissions);
        Add(SearchFilterKind.Output, Outputs);
        Add(SearchFilterKind.Input, Inputs);
        Add(SearchFilterKind.Tag, Tags);
        return values;
    }

    /// <summary>How a filter is spelled in the PostgreSQL filters array.</summary>
    public static string FilterValue(SearchFilterKind kind, string value) => kind.ToString().ToLowerInvariant() + ":" + value;
}
