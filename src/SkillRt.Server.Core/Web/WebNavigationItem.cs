namespace SkillRt.Server.Web;

/// <summary>A link in the header of every page; modules add theirs with <c>AddWebNavigation</c>.</summary>
/// <param name="Text">The link's text.</param>
/// <param name="Path">Where it goes (<c>/</c>, <c>/admin</c>).</param>
/// <param name="Order">Links are shown by ascending order.</param>
/// <param name="AdministratorsOnly">Shown only to a signed-in administrator.</param>
public sealed record WebNavigationItem(string Text, string Path, int Order = 0, bool AdministratorsOnly = false);
