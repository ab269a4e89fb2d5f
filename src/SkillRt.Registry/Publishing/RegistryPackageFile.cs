using System;

namespace SkillRt.Registry.Publishing;

/// <summary>A file of a package under inspection, as <see cref="IRegistryPackageKind.Check"/> receives it.</summary>
/// <param name="Path">Its unescaped path in the package, '/'-separated.</param>
/// <param name="Content">Its bytes.</param>
public sealed record RegistryPackageFile(string Path, ReadOnlyMemory<byte> Content);
