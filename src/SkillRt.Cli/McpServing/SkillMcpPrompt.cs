using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SkillRt.Cli.McpServing;

/// <summary>
/// A prose skill (no frontmatter, so no contract to call) as an MCP prompt: getting it returns the
/// skill's instructions as one user message, for the client's own model to follow, with the optional
/// <c>task</c> argument appended as what to do. Reflection-free, as <see cref="SkillMcpTool"/> is.
/// </summary>
internal sealed class SkillMcpPrompt : McpServerPrompt
{
    private readonly ServedSkill _served;

    private SkillMcpPrompt(ServedSkill served)
    {
        _served = served;
        ProtocolPrompt = new Prompt
        {
            Name = served.Name,
            Title = served.Skill.Name,
            Description = Describe(served.Skill),
            Arguments = [new PromptArgument { Name = SkillMcpTool.TaskProperty, Description = "What to do with these instructions (optional).", Required = false }],
        };
    }

    /// <inheritdoc />
    public override Prompt ProtocolPrompt { get; }

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata => [];

    /// <summary>The served skill behind the prompt.</summary>
    public ServedSkill Served => _served;

    /// <summary>The prompt for the prose skill <paramref name="served"/>.</summary>
    public static SkillMcpPrompt Create(ServedSkill served) => new(served);

    /// <inheritdoc />
    public override ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = _served.Skill.Instructions.TrimEnd();
        if (request.Params?.Arguments is { } arguments
            && arguments.TryGetValue(SkillMcpTool.TaskProperty, out var task)
            && task.ValueKind == System.Text.Json.JsonValueKind.String
            && task.GetString() is { Length: > 0 } taskText)
        {
            text += "\n\nTask: " + taskText;
        }

        return ValueTask.FromResult(new GetPromptResult
        {
            Description = ProtocolPrompt.Description,
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = text } }],
        });
    }

    // A prose skill has no description field: its first heading (or first line) says what it is.
    private static string Describe(SkillDefinition skill)
    {
        var first = skill.Instructions.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0);
        var title = first?.TrimStart('#').Trim();
        return string.IsNullOrEmpty(title) ? $"The instructions of the prose skill {skill.Name}." : $"{title} (instructions of the prose skill {skill.Name})";
    }
}
