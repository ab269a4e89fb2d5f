using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Schemas;

namespace SkillRt.Evaluation;

/// <summary><c>schema:</c> the whole output validates against a JSON Schema (draft 2020-12), with SkillRt's own validator.</summary>
internal sealed class SchemaCheck(JsonSchemaValidator validator) : EvalCheck
{
    private const int MaxErrorsShown = 3;

    public override string Kind => "schema";

    public override string Description => "the output matches the schema";

    public override ValueTask<EvalAssertionResult> CheckAsync(EvalCheckContext context, CancellationToken cancellationToken)
    {
        var errors = validator.Validate(context.Output);
        if (errors.Count == 0)
        {
            return new(Pass());
        }

        var shown = string.Join("; ", errors.Take(MaxErrorsShown).Select(error => error.ToString()));
        var more = errors.Count > MaxErrorsShown ? $" (and {errors.Count - MaxErrorsShown} more)" : string.Empty;
        return new(Fail(shown + more));
    }
}
