using System.Collections.Generic;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// A kind of package the registry accepts besides skill packages, contributed by another module: packages
/// whose nuspec names <see cref="PackageType"/>. The registry inspects such a package as it does any other
/// (zip safety, size limits, nuspec, ownership, signatures, screening), keeps the entries
/// <see cref="IsContentFile"/> selects, and asks <see cref="Check"/> whether they are valid; a package with
/// errors is refused with them, in the same <c>diagnostics</c> a SKILL.md error gets. Register it as a
/// singleton <c>IRegistryPackageKind</c>.
/// </summary>
public interface IRegistryPackageKind
{
    /// <summary>The nuspec package type (<c>&lt;packageType name="…"/&gt;</c>) that marks this kind, compared case-insensitively.</summary>
    string PackageType { get; }

    /// <summary>A short description of the kind for refusals ("agent-doc packages").</summary>
    string Description { get; }

    /// <summary>The most bytes a content file may unpack to; a larger one refuses the package.</summary>
    int MaxContentFileBytes { get; }

    /// <summary>Whether the entry (its unescaped path in the package, '/'-separated) is one <see cref="Check"/> needs.</summary>
    bool IsContentFile(string path);

    /// <summary>Validates the content files of a package of this kind (called without I/O, on the request's thread).</summary>
    /// <param name="packageId">The package ID as its nuspec spells it.</param>
    /// <param name="version">The normalized package version.</param>
    /// <param name="files">Every entry <see cref="IsContentFile"/> selected, with its bytes, in package order.</param>
    RegistryPackageCheck Check(string packageId, string version, IReadOnlyList<RegistryPackageFile> files);
}
