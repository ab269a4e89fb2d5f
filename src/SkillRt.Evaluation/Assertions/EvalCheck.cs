using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Evaluation;

/// <summary>
/// One assertion of a case, compiled when the file is read (paths, patterns and schemas are already
/// checked), evaluated against each trial's output. An assertion never throws for a bad output: a
/// mismatch is a failed result with the reason.
/// </summary>
internal abstract class EvalCheck
{
    /// <summary>The assertion's kind as written in the file: schema, equals, contains, matches, approx or rubric.</summary>
    public abstract string Kind { get; }

    /// <summary>A one-line description, such as <c>$.verdict equals "approve"</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Checks one output.</summary>
    public abstract ValueTask<EvalAssertionResult> CheckAsync(EvalCheckContext context, CancellationToken cancellationToken);

    protected EvalAssertionResult Pass() => new(Kind, Description, passed: true, message: null);

    protected EvalAssertionResult Fail(string message) => new(Kind, Description, passed: false, message);
}
