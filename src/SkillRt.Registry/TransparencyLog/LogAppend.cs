using System;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>What the publish path records for an accepted version.</summary>
/// <param name="PackageId">The package ID as published.</param>
/// <param name="Version">The normalized version.</param>
/// <param name="PackageSha512">The SHA-512 of the package file (<see cref="TransparencyLogAppender.HashPackageAsync"/>).</param>
/// <param name="AuthorKeyId">
/// The ID of the author key whose signature the publish verified, or null for an unsigned package.
/// Author signatures (issue 18, part 1) set it where <c>PackagePublisher</c> calls the appender.
/// </param>
/// <param name="AcceptedAt">When the registry accepted the version (the entry keeps whole seconds).</param>
/// <param name="VersionId">The <c>registry_versions</c> row.</param>
internal sealed record LogAppend(string PackageId, string Version, byte[] PackageSha512, string? AuthorKeyId, DateTime AcceptedAt, Guid VersionId);
