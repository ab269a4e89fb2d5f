using System.Collections.Generic;
using SkillRt.Registry.Namespaces;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Web.Owners;

/// <summary>What <c>/owners/{name}</c> shows: the owner, its members (organisations), its prefixes and one page of its packages.</summary>
/// <param name="Owner">The user or organisation.</param>
/// <param name="Members">The names of an organisation's member accounts; empty for a user.</param>
/// <param name="Namespaces">The ID prefixes reserved for the owner, verified or not.</param>
/// <param name="TotalPackages">How many packages with a listed version the owner owns (alone or as co-owner).</param>
/// <param name="Packages">This page of them, most downloaded first.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Packages a page.</param>
internal sealed record OwnerPage(
    OwnerInfo Owner,
    IReadOnlyList<string> Members,
    IReadOnlyList<NamespaceView> Namespaces,
    int TotalPackages,
    IReadOnlyList<OwnerPackage> Packages,
    int Page,
    int PageSize)
{
    /// <summary>The number of pages (at least one, so an owner without packages has a page 1).</summary>
    public int PageCount => System.Math.Max(1, (TotalPackages + PageSize - 1) / PageSize);
}

/// <summary>A package in an owner's list: its latest listed version's title, description and version, and its downloads.</summary>
internal sealed record OwnerPackage(string Id, string? Title, string? Description, string LatestVersion, long Downloads, bool CoOwned);
