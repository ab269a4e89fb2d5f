using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;

namespace SkillRt.Agents;

/// <summary>One SkillRt skill as an Agent Framework <see cref="AgentSkill"/>: its catalogue entry, its content, its resources and its <c>run</c> script.</summary>
internal sealed class SkillAgentSkill : AgentSkill
{
    private readonly SkillTool _tool;
    private readonly IReadOnlyList<SkillFileResource> _resources;
    private readonly SkillRunScript _run;
    private readonly string _content;

    public SkillAgentSkill(SkillTool tool)
    {
        _tool = tool;
        Frontmatter = new AgentSkillFrontmatter(tool.Descriptor.Name, tool.Description);
        _resources = SkillFileResource.FindIn(SkillFolder.Of(tool.Descriptor));
        _run = new SkillRunScript(tool);
        _content = SkillContent.Build(tool, _resources, _run);
    }

    public override AgentSkillFrontmatter Frontmatter { get; }

    public override ValueTask<string> GetContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_content);

    public override ValueTask<AgentSkillResource?> GetResourceAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<AgentSkillResource?>(_resources.FirstOrDefault(resource => string.Equals(resource.Name, Normalize(name), StringComparison.Ordinal)));

    public override ValueTask<AgentSkillScript?> GetScriptAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<AgentSkillScript?>(string.Equals(name?.Trim(), _run.Name, StringComparison.Ordinal) ? _run : null);

    public override string ToString() => _tool.Descriptor.ToString();

    // Models copy names as they read them; "./references/x.md" and "references\x.md" are the same file.
    private static string Normalize(string? name) =>
        (name ?? string.Empty).Trim().Replace('\\', '/').TrimStart('.', '/');
}
