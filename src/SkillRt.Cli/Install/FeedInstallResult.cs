using SkillRt.Cli.Store;

namespace SkillRt.Cli.Install;

/// <summary>What installing one resolved skill did, for the text and JSON reports.</summary>
/// <param name="Skill">The skill as resolution chose it, with the skills that need it.</param>
/// <param name="Outcome">Installed, replaced, or already there.</param>
/// <param name="Directory">Its folder in the store.</param>
/// <param name="Package">The feed package it came from; null for an installed version the feeds do not have.</param>
internal sealed record FeedInstallResult(ResolvedSkill Skill, InstallOutcome Outcome, string Directory, FeedSkillVersion? Package);
