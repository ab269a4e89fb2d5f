using System;

namespace SkillRt.Registry.Search;

/// <summary>
/// A matching package: the version the search shows for it (its latest in the request's view), whether
/// its ID is in a verified namespace of one of its owners, and whether that version's output is typed.
/// </summary>
internal sealed record SearchHit(Guid RegistrationId, Guid VersionId, bool Verified, bool Typed);
