using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Fluid;
using Fluid.Values;

namespace SkillRt.Templates;

/// <summary>
/// A skill's instructions parsed once as a Liquid template (Fluid), rendered per run with the
/// input's values. Errors name the SKILL.md line, counting from where the body starts.
/// </summary>
internal sealed partial class InstructionTemplate
{
    // FluidParser is safe to share: parsing keeps no state between calls.
    private static readonly FluidParser Parser = new();

    private readonly IFluidTemplate _template;
    private readonly SkillDescriptor _descriptor;
    private readonly IReadOnlyList<string> _inputNames;

    private InstructionTemplate(IFluidTemplate template, SkillDescriptor descriptor, IReadOnlyList<string> inputNames)
    {
        _template = template;
        _descriptor = descriptor;
        _inputNames = inputNames;
    }

    /// <summary>Parses the instructions of a skill whose body is a template.</summary>
    /// <exception cref="SkillTemplateException">The template does not parse.</exception>
    public static InstructionTemplate Parse(SkillDescriptor descriptor, IReadOnlyList<string> inputNames)
    {
        if (Parser.TryParse(descriptor.Instructions, out var template, out var error))
        {
            return new InstructionTemplate(new RangeLimiter().VisitTemplate(template), descriptor, inputNames);
        }

        // Fluid reports "Invalid 'if' tag at (2:6)" followed by the source; keep the first line.
        var message = error.Split('\n')[0].Trim();
        var position = ErrorPosition().Match(message);
        var (line, column) = position.Success
            ? (int.Parse(position.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(position.Groups[2].Value, CultureInfo.InvariantCulture))
            : (1, 0);
        message = ErrorPosition().Replace(message, string.Empty).TrimEnd(' ', '.');
        throw Error(descriptor, line, column, $"{message}. Fix the Liquid syntax; to show '{{{{' or '{{%' literally, wrap the text in {{% raw %}}…{{% endraw %}}.");
    }

    /// <summary>Renders the instructions with the values of a validated input object.</summary>
    /// <exception cref="SkillTemplateException">The template uses an undeclared name, an unknown filter, or runs too long.</exception>
    public async ValueTask<string> RenderAsync(JsonElement input, TemplateOptions options)
    {
        var context = new TemplateContext(options);
        foreach (var name in _inputNames)
        {
            // Every declared input is defined, so an optional input without a value renders as empty.
            context.SetValue(name, input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var value) ? FluidValues.From(value) : NilValue.Instance);
        }

        try
        {
            return await _template.RenderAsync(context, NullEncoder.Default).ConfigureAwait(false);
        }
        catch (UndefinedNameException undefined)
        {
            var (line, column) = TemplateLocator.Find(_descriptor.Instructions, undefined.Name);
            throw Error(_descriptor, line, column, $"'{undefined.Name}' is not an input of the skill; declare it under 'inputs' or fix the name (inputs: {Names()}).");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Rendering touches nothing but the input, so whatever fails here is the template's doing.
            var problem = exception switch
            {
                // Fluid reports a runaway loop as a "recursion" error; say what the limit is instead.
                _ when exception.Message.Contains("maximum level of recursion", StringComparison.Ordinal) =>
                    $"the template took more than {options.MaxSteps} steps or nested too deeply; look for a loop that does not end.",
                System.IO.FileNotFoundException =>
                    $"'include' and 'render' cannot read '{exception.Message}': skill instructions have no access to files; put the text in the body.",
                _ => exception.Message.TrimEnd('.') + ".",
            };
            throw Error(_descriptor, 1, 0, problem);
        }
    }

    /// <summary>Options that forbid everything outside the input: no files, no unknown filters, a step limit.</summary>
    public static TemplateOptions CreateOptions(int maxSteps)
    {
        var options = new TemplateOptions
        {
            // No include/render from disk: a skill's template sees only its input.
            FileProvider = new Microsoft.Extensions.FileProviders.NullFileProvider(),
            StrictFilters = true,
            MaxSteps = maxSteps,
            MaxRecursion = 32,
            CultureInfo = CultureInfo.InvariantCulture,
            Undefined = static name => throw new UndefinedNameException(name),
        };
        return options;
    }

    private string Names() => _inputNames.Count == 0 ? "none" : string.Join(", ", _inputNames);

    private static SkillTemplateException Error(SkillDescriptor descriptor, int bodyLine, int column, string problem) =>
        new(descriptor.Name, descriptor.SourcePath, descriptor.InstructionsLine + Math.Max(bodyLine, 1) - 1, column, problem) { SkillName = descriptor.Name };

    [GeneratedRegex(@"\s*at \((\d+):(\d+)\)")]
    private static partial Regex ErrorPosition();

    /// <summary>Thrown from <see cref="TemplateOptions.Undefined"/> and turned into a located error.</summary>
    private sealed class UndefinedNameException(string name) : Exception(name)
    {
        public string Name { get; } = name;
    }
}
