namespace SkillRt.Generators;

/// <summary>One enum member: its C# name and the string it stands for in JSON.</summary>
internal sealed record EnumMemberSpec(string Name, string WireName);
