namespace SkillRt.Signing.Transparency;

/// <summary>
/// The outcome of checking something a log sent: valid, or the reason it is not, in words a user can
/// act on. Checks never throw on malformed input; they return a failed <see cref="ProofCheck"/>.
/// </summary>
/// <param name="IsValid">Whether the check passed.</param>
/// <param name="Problem">What is wrong when it did not; null when it passed.</param>
public sealed record ProofCheck(bool IsValid, string? Problem)
{
    /// <summary>A passed check.</summary>
    public static ProofCheck Valid { get; } = new(true, null);

    /// <summary>A failed check, with the reason.</summary>
    public static ProofCheck Invalid(string problem) => new(false, problem);
}
