using System.Diagnostics.CodeAnalysis;

namespace SkillRt;

/// <summary>Where a tool offered to a model comes from.</summary>
public enum SkillToolKind
{
    /// <summary>A tool SkillRt provides, gated by the skill's permissions: fetching URLs, files, CLI tools, the skill's own scripts and files.</summary>
    Builtin,

    /// <summary>Another skill the skill depends on (<c>dependencies.skills</c>).</summary>
    Skill,

    /// <summary>A tool of an MCP server the skill depends on (<c>dependencies.mcp-servers</c>).</summary>
    Mcp,

    /// <summary>
    /// A tool an <see cref="Execution.ISkillToolProvider"/> the host registered gives the model
    /// (<c>services.AddSkillRt().AddSkillToolProvider&lt;T&gt;()</c>).
    /// </summary>
    [Experimental(Experimentals.Tools, UrlFormat = Experimentals.ToolsUrl)]
    Provided,
}
