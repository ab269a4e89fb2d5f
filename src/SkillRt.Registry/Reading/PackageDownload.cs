using System;

namespace SkillRt.Registry.Reading;

/// <summary>What serving and counting one .nupkg needs.</summary>
internal sealed record PackageDownload(Guid RegistrationId, Guid VersionId, string PackageSha256, long PackageSize, DateTime PublishedAt);
