namespace SkillRt.Server.Identity;

/// <summary>A scope a module registered: its name (<c>module:action</c>) and what it allows, for help texts and the API.</summary>
/// <param name="Name">The scope as keys carry it, for example <c>registry:publish</c>.</param>
/// <param name="Description">What a key with this scope may do, in one sentence.</param>
/// <param name="GrantedByDefault">Whether a new key gets this scope when its creator names none.</param>
public sealed record ApiKeyScope(string Name, string Description, bool GrantedByDefault = false);
