using SkillRt.Registry.Publishing;

namespace SkillRt.Registry.Web.Admin;

/// <summary>An administrator's action that was refused: which item it was about (to show the message there) and why.</summary>
/// <param name="Item">The item's key on the page (<c>Id/Version</c> or a report's ID).</param>
/// <param name="Problem">The service's answer.</param>
internal sealed record AdminActionError(string Item, PublishProblem Problem);
