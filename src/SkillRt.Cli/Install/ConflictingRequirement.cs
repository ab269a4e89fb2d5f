namespace SkillRt.Cli.Install;

/// <summary>One of the requirements on a skill that could not all be met, as the conflict report names it.</summary>
/// <param name="Requirer">
/// Who asked: the chain of chosen skills from the request down to the one that declares the
/// dependency (<c>pr-review@1.1.0 &gt; diff-reader@2.0.0</c>); an installed skill (<c>release-notes@1.0.0</c>);
/// or <see langword="null"/> for the user's own request.
/// </param>
/// <param name="Name">The skill required.</param>
/// <param name="Range">The versions it accepts.</param>
/// <param name="RangeText">The range as written, or <see langword="null"/> when none was.</param>
/// <param name="InstalledRequirer">The name of the installed skill that asks, when <see cref="IsInstalled"/>.</param>
internal sealed record ConflictingRequirement(string? Requirer, string Name, SkillVersionRange Range, string? RangeText, string? InstalledRequirer = null)
{
    /// <summary>Whether the requirement comes from a skill already in the store, not from this resolution.</summary>
    public bool IsInstalled => InstalledRequirer is not null;

    /// <summary>Whether the user asked for this skill directly.</summary>
    public bool IsRequest => Requirer is null;

    /// <summary><c>pr-review@1.1.0 needs diff-reader@^2.0</c>, <c>release-notes@1.0.0 (installed) needs diff-reader@~1.4</c>, <c>you asked for diff-reader@^3</c>.</summary>
    public override string ToString()
    {
        var wanted = RangeText is null or "*" ? Name : $"{Name}@{RangeText}";
        return Requirer is null ? $"you asked for {wanted}" : $"{Requirer}{(IsInstalled ? " (installed)" : string.Empty)} needs {wanted}";
    }
}
