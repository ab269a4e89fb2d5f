using System;
using System.Collections.Generic;

namespace SkillRt.Registry.Search;

/// <summary>
/// One package as a search result shows it, whoever shows it (the JSON search API, the web search page):
/// the version shown (the latest in the search's view) and the facts a reader chooses by.
/// </summary>
/// <param name="RegistrationId">The package's registration (<c>registry_packages.Id</c>).</param>
/// <param name="PackageId">The ID as first published (<c>Contoso.PrReview</c>).</param>
/// <param name="NormalizedId">The ID in lowercase, as URLs spell it.</param>
/// <param name="Version">The shown version, in full (with build metadata).</param>
/// <param name="NormalizedVersion">The shown version, NuGet-normalized, as URLs spell it.</param>
/// <param name="Title">The title, or the ID when the package has none.</param>
/// <param name="Description">The description; empty when there is none.</param>
/// <param name="ProjectUrl">The project URL, if the nuspec gives one.</param>
/// <param name="Tags">The nuspec's tags.</param>
/// <param name="Authors">The nuspec's authors.</param>
/// <param name="Owners">The owners' names, the primary owner first.</param>
/// <param name="TotalDownloads">Downloads of every version.</param>
/// <param name="Verified">Whether the ID is in a verified namespace of one of its owners.</param>
/// <param name="Typed">Whether a skill of the shown version has a typed output (<see cref="TypedOutput"/>).</param>
/// <param name="Deprecated">Whether the owners deprecated the shown version.</param>
/// <param name="PackageTypes">The nuspec's package types (<c>Dependency</c> when it names none).</param>
/// <param name="Versions">The listed versions of the search's view, oldest first.</param>
/// <param name="Runtimes">The skills' runtime types (<c>model</c>, <c>process</c>…).</param>
/// <param name="Permissions">The permission kinds the skills ask for (<c>network</c>, <c>filesystem</c>, <c>env</c>).</param>
/// <param name="OutputTypes">The skills' output types (<c>text</c>, <c>json</c>, <c>file</c>).</param>
internal sealed record PackageSummary(
    Guid RegistrationId,
    string PackageId,
    string NormalizedId,
    string Version,
    string NormalizedVersion,
    string Title,
    string Description,
    string? ProjectUrl,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Owners,
    long TotalDownloads,
    bool Verified,
    bool Typed,
    bool Deprecated,
    IReadOnlyList<string> PackageTypes,
    IReadOnlyList<PackageSummaryVersion> Versions,
    IReadOnlyList<string> Runtimes,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<string> OutputTypes);
