using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.SemanticKernel;
using SkillRt.SemanticKernel.Parameters;

namespace SkillRt.SemanticKernel;

/// <summary>
/// Makes a Semantic Kernel plugin of skills: every skill of a <see cref="SkillCollection"/> becomes a
/// <see cref="KernelFunction"/> that the kernel's function calling can choose and call, and that runs
/// the skill through SkillRt's runner.
/// </summary>
/// <remarks>
/// <para>
/// Each function is named after its skill (as <see cref="SkillCollection.CreateTools(ISkillRunner)"/>
/// names tools) and described by the skill's description. Its parameters are the skill's inputs, each
/// with its description, default, whether it is required and its JSON Schema; a skill that runs on a
/// model and declares no inputs takes one <c>task</c> string. Its return parameter's schema is the
/// skill's output schema. A call checks the arguments against the skill's input contract first, and
/// arguments that break it are answered (not thrown) with an <c>invalid_arguments</c> object naming every
/// violation, so the model can correct itself; the validated output is the function's result (a
/// <see cref="System.Text.Json.JsonElement"/> for JSON outputs, a string for text and file outputs).
/// </para>
/// <para>
/// Semantic Kernel's OpenAI connector passes every argument as text unless
/// <c>FunctionChoiceBehaviorOptions.RetainArgumentTypes</c> is set; numbers, booleans and JSON values are
/// read back by each parameter's declared type, so both settings work.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var skills = await SkillCollection.LoadAsync("skills");
/// kernel.Plugins.AddFromSkills(skills, runner);
/// var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
/// var answer = await kernel.InvokePromptAsync("Write release notes for 2.1.0.", new(settings));
/// </code>
/// </example>
public static class SkillKernelPluginFactory
{
    /// <summary>The plugin name used when none is given.</summary>
    public const string DefaultPluginName = "skills";

    /// <summary>
    /// The longest function name most providers accept (OpenAI's limit); Semantic Kernel sends
    /// <c>{plugin}-{function}</c>, so the plugin's name counts too.
    /// </summary>
    public const int MaxQualifiedNameLength = 64;

    /// <summary>Makes a plugin whose functions are the skills of <paramref name="skills"/>.</summary>
    /// <param name="skills">The skills; see <see cref="SkillCollection.LoadAsync"/>.</param>
    /// <param name="runner">Runs a skill when its function is called.</param>
    /// <param name="pluginName">The plugin's name: ASCII letters, digits and underscores.</param>
    /// <param name="description">What the plugin offers, for hosts that list plugins.</param>
    /// <returns>The plugin, to add to <c>kernel.Plugins</c>.</returns>
    /// <exception cref="InvalidOperationException">
    /// Some skill cannot be a function of this plugin; the message names each file and why: two skills
    /// would share a function name (names are compared ignoring case, as Semantic Kernel does), the
    /// plugin and function names together are longer than <see cref="MaxQualifiedNameLength"/>, two inputs
    /// differ only in letter case, or an input's schema refers to itself.
    /// </exception>
    public static KernelPlugin CreateFromSkills(SkillCollection skills, ISkillRunner runner, string pluginName = DefaultPluginName, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginName);

        var tools = skills.CreateTools(runner).Cast<SkillTool>().ToList();
        var problems = new List<string>();
        foreach (var sameName in tools.GroupBy(tool => tool.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            problems.Add(
                $"{string.Join(" and ", sameName.Select(FileOf))}: would be the functions {string.Join(" and ", sameName.Select(t => $"'{t.Name}'"))}, whose names differ only in letter case, and Semantic Kernel finds functions ignoring case; rename one of the skills.");
        }

        var functions = new List<KernelFunction>(tools.Count);
        foreach (var tool in tools)
        {
            var qualified = pluginName + "-" + tool.Name;
            if (qualified.Length > MaxQualifiedNameLength)
            {
                problems.Add(
                    $"{FileOf(tool)}: would be the function '{qualified}', {qualified.Length} characters, and model providers accept at most {MaxQualifiedNameLength}; use a shorter plugin name or skill name.");
            }

            var parameters = SkillParameterSchemas.Split(tool.JsonSchema, out var schemaProblems);
            if (schemaProblems.Count > 0)
            {
                // Semantic Kernel would refuse such a function too, without naming the skill.
                problems.AddRange(schemaProblems.Select(problem => $"{FileOf(tool)}: {problem}"));
                continue;
            }

            functions.Add(new SkillKernelFunction(tool, parameters).AsKernelFunction().Clone(pluginName));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The skills cannot all be functions of the Semantic Kernel plugin '{pluginName}' ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}):"
                + string.Concat(problems.Select(problem => Environment.NewLine + "  " + problem)));
        }

        return new SkillKernelPlugin(pluginName, description, functions);
    }

    private static string FileOf(SkillTool tool) => tool.Descriptor.SourcePath ?? $"skill {tool.Descriptor} (given as text)";
}
