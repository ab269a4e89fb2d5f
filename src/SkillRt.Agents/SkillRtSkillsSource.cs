using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;

namespace SkillRt.Agents;

/// <summary>
/// SkillRt skills as Agent Framework skills: a source for the framework's <see cref="AgentSkillsProvider"/>,
/// the <see cref="AIContextProvider"/> that puts a catalogue of skills (names and descriptions) into the
/// agent's instructions and gives it the tools <c>load_skill</c>, <c>read_skill_resource</c> and
/// <c>run_skill_script</c>.
/// </summary>
/// <remarks>
/// <para>
/// Loading a skill gives the agent its description, its instructions, the text files of its
/// <c>references/</c> and <c>assets/</c> folders as resources, and one script, <c>run</c>, whose
/// parameters are the skill's input schema. Running it runs the skill through SkillRt's runner (its own
/// model call, tools, permissions, sandbox and output checks) and returns the validated output; arguments
/// that break the input contract come back as an <c>invalid_arguments</c> object naming every violation.
/// A skill's own <c>scripts/</c> are not offered to the agent: they run inside the skill's run, in
/// SkillRt's sandbox.
/// </para>
/// <para>
/// The skills are read from the collection when the source is made; skills added later are not seen.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var skills = await SkillCollection.LoadAsync("skills");
/// using var catalogue = new AgentSkillsProvider(new SkillRtSkillsSource(skills, runner));
/// var agent = new ChatClientAgent(chatClient, new ChatClientAgentOptions { AIContextProviders = [catalogue] });
/// </code>
/// </example>
public sealed class SkillRtSkillsSource : AgentSkillsSource
{
    /// <summary>The name of the script that runs a skill.</summary>
    public const string RunScriptName = "run";

    private readonly IReadOnlyList<AgentSkill> _skills;

    /// <summary>Makes the source of the skills of <paramref name="skills"/>.</summary>
    /// <param name="skills">The skills; see <see cref="SkillCollection.LoadAsync"/>.</param>
    /// <param name="runner">Runs a skill when the agent runs it.</param>
    /// <exception cref="InvalidOperationException">
    /// Some skill cannot be an Agent Framework skill; the message names each file and why: two skills
    /// with one name, or a name Agent Skills does not allow (a prose skill is named after its folder, which
    /// may have capitals, spaces or underscores).
    /// </exception>
    public SkillRtSkillsSource(SkillCollection skills, ISkillRunner runner)
    {
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(runner);

        var problems = new List<string>();
        var made = new List<AgentSkill>();
        foreach (var tool in skills.CreateTools(runner).Cast<SkillTool>())
        {
            if (!AgentSkillFrontmatter.ValidateName(tool.Descriptor.Name, out var reason) || !AgentSkillFrontmatter.ValidateDescription(tool.Description, out reason))
            {
                var file = tool.Descriptor.SourcePath ?? $"skill {tool.Descriptor} (given as text)";
                problems.Add($"{file}: '{tool.Descriptor.Name}' cannot be an Agent Framework skill: {reason} A prose skill is named after its folder; rename the folder, or give the skill frontmatter with a 'name'.");
                continue;
            }

            made.Add(new SkillAgentSkill(tool));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The skills cannot all be Agent Framework skills ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}):"
                + string.Concat(problems.Select(problem => Environment.NewLine + "  " + problem)));
        }

        _skills = made;
    }

    /// <inheritdoc />
    public override Task<IList<AgentSkill>> GetSkillsAsync(AgentSkillsSourceContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult<IList<AgentSkill>>([.. _skills]);
}
