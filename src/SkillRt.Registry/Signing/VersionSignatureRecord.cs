using System;

namespace SkillRt.Registry.Signing;

/// <summary>
/// The author's minisign signature of a version's .nupkg (<c>registry_version_signatures</c>), verified
/// at publish and served beside the package as <c>{id}.{version}.nupkg.minisig</c>.
/// </summary>
internal sealed class VersionSignatureRecord
{
    /// <summary>The version (<c>registry_versions.Id</c>); one signature per version.</summary>
    public Guid VersionId { get; set; }

    /// <summary>The signing key's id, 16 upper-case hex digits.</summary>
    public required string KeyId { get; set; }

    /// <summary>The <c>.minisig</c> file exactly as uploaded.</summary>
    public required string Signature { get; set; }

    public DateTime SignedAt { get; set; }
}
