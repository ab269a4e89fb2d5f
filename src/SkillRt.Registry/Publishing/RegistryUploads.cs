using System.IO;
using SkillRt.Server.Hosting;

namespace SkillRt.Registry.Publishing;

/// <summary>Where uploads wait while they are inspected: a folder of the data directory, never a shared temp folder.</summary>
internal static class RegistryUploads
{
    public static string Folder(SkillRtServerOptions server) => Path.Combine(server.ResolvedDataDirectory, "registry", "uploads");
}
