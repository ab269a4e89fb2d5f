namespace SkillRt.Cli.Store;

/// <summary>How a skill came to be installed from a feed, as <see cref="StoreRequests"/> remembers it.</summary>
/// <param name="Range">The range the user asked for (<c>^1.0</c>), or <see langword="null"/> when they named no range or never asked for the skill itself.</param>
/// <param name="IsDirect">Whether the user asked for the skill by name; false when it was installed only because other skills need it.</param>
internal sealed record RecordedRequest(string? Range, bool IsDirect);
