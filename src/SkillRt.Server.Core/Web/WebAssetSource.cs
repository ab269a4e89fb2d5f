using System.Reflection;

namespace SkillRt.Server.Web;

/// <summary>An assembly whose embedded <c>SkillRt.Web.Assets.*</c> resources are served as web assets.</summary>
internal sealed record WebAssetSource(Assembly Assembly);
