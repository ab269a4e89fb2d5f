namespace SkillRt.Generators;

/// <summary>A generated enum for a list of string values; members keep their wire names.</summary>
internal sealed record EnumSpec(string Name, string? Description, EquatableArray<EnumMemberSpec> Members);
