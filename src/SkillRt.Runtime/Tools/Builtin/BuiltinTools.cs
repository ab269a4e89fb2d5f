using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace SkillRt.Tools.Builtin;

/// <summary>The built-in tools a skill's permissions and folder allow, and only those.</summary>
/// <remarks>
/// A tool the skill could never use successfully is not offered at all, so the model neither sees
/// it nor wastes calls on refusals: <c>fetch_url</c> needs <c>permissions.network</c>; the file
/// tools need <c>permissions.filesystem</c> (<c>write_file</c> a read-write rule); <c>run_tool</c>
/// needs <c>dependencies.tools</c>; <c>read_skill_file</c> and <c>run_script</c> need the skill's
/// <c>references/</c> or <c>assets/</c>, and <c>scripts/</c>.
/// </remarks>
internal static class BuiltinTools
{
    /// <summary>The tools for one run of a skill, each checking its permissions on every call; not yet behind the run's gate.</summary>
    public static IReadOnlyList<AIFunction> For(BuiltinToolContext context)
    {
        var tools = new List<AIFunction>();
        if (!context.Network.IsEmpty)
        {
            tools.Add(new FetchUrlTool(context));
        }

        if (context.Files.AllowsAnyRead)
        {
            tools.Add(new ReadFileTool(context));
            tools.Add(new ListFilesTool(context));
        }

        if (context.Files.AllowsAnyWrite)
        {
            tools.Add(new WriteFileTool(context));
        }

        if (context.Descriptor.Dependencies.Tools.Count > 0)
        {
            tools.Add(new RunToolTool(context));
        }

        if (SkillFolder.Has(context.SkillDirectory, "references") || SkillFolder.Has(context.SkillDirectory, "assets"))
        {
            tools.Add(new ReadSkillFileTool(context));
        }

        if (SkillFolder.Has(context.SkillDirectory, RunScriptTool.Folder))
        {
            tools.Add(new RunScriptTool(context));
        }

        return tools;
    }
}
