using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Generators.Tests;

/// <summary>
/// A unit-level runner: it records the input JSON and answers with scripted outputs in turn, each
/// read and checked by the skill's generated contract, as a real runner's repair loop would.
/// </summary>
internal sealed class ScriptedSkillRunner(params string[] outputs) : ISkillRunner
{
    public List<string> Inputs { get; } = [];

    public List<SkillRunOptions?> Options { get; } = [];

    public Task<SkillRunResult<TOutput>> RunAsync<TInput, TOutput>(SkillContract<TInput, TOutput> skill, TInput input, SkillRunOptions? options = null, CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        cancellationToken.ThrowIfCancellationRequested();
        Inputs.Add(skill.SerializeInput(input).GetRawText());
        Options.Add(options);
        var repairs = new List<SkillRepair>();
        for (var attempt = 1; attempt <= outputs.Length; attempt++)
        {
            var text = outputs[attempt - 1];
            if (skill.TryReadOutput(text, out var output, out var violations))
            {
                var report = new SkillRunReport { SkillName = skill.Descriptor.Name, SkillVersion = skill.Descriptor.Version, Attempts = attempt, Repairs = repairs };
                return Task.FromResult(new SkillRunResult<TOutput>(output, report));
            }

            repairs.Add(new SkillRepair { Attempt = attempt, RawOutput = text, Violations = violations });
        }

        throw new SkillOutputException(outputs[^1], repairs[^1].Violations, skill.Descriptor.Name);
    }

    public async IAsyncEnumerable<SkillRunUpdate<TOutput>> RunStreamingAsync<TInput, TOutput>(SkillContract<TInput, TOutput> skill, TInput input, SkillRunOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        var result = await RunAsync(skill, input, options, cancellationToken).ConfigureAwait(false);
        foreach (var repair in result.Report.Repairs)
        {
            yield return new SkillRunUpdate<TOutput>(repair);
        }

        yield return new SkillRunUpdate<TOutput>(outputs[result.Report.Attempts - 1]);
        yield return new SkillRunUpdate<TOutput>(result);
    }
}
