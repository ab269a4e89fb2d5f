namespace SkillRt.Registry.Web;

/// <summary>The namespace of the registry's page models and the services behind its pages.</summary>
internal static class RegistryWebMarker
{
}
