namespace SkillRt.Server.Identity;

/// <summary>A key's caller, or the outcome (for the metrics) and the message saying why it is refused.</summary>
internal sealed record ApiKeyLookupResult(ServerCaller? Caller, string? Outcome, string? Refusal)
{
    public static ApiKeyLookupResult Refused(string outcome, string refusal) => new(null, outcome, refusal);
}
