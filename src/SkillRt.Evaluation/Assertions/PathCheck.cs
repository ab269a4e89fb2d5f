using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Evaluation;

/// <summary>
/// An assertion on what a JSONPath selects in the output. A path that selects nothing fails every
/// kind: "the field is missing" is a finding, never a silent pass.
/// </summary>
internal abstract class PathCheck(JsonPathQuery path) : EvalCheck
{
    protected JsonPathQuery Path { get; } = path;

    public sealed override ValueTask<EvalAssertionResult> CheckAsync(EvalCheckContext context, CancellationToken cancellationToken)
    {
        var matches = Path.Select(context.OutputNode);
        return new(matches.Count == 0 ? Fail($"{Path.Text} selects nothing in the output") : Check(matches));
    }

    /// <summary>Checks the selected nodes (at least one).</summary>
    protected abstract EvalAssertionResult Check(IReadOnlyList<JsonPathMatch> matches);
}
