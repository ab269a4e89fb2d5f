using System;

namespace SkillRt.Registry.Search;

/// <summary>A matching package: the version the search shows for it (its latest in the request's view).</summary>
internal sealed record SearchHit(Guid RegistrationId, Guid VersionId);
