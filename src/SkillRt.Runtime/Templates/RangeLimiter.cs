using System;
using System.Globalization;
using System.Threading.Tasks;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace SkillRt.Templates;

/// <summary>
/// Bounds Liquid ranges. Fluid builds <c>(1..n)</c> as an array of every number before the loop's
/// step limit applies, so <c>(1..100000000)</c> (or an input-driven <c>n</c>) would take seconds and
/// gigabytes; a bounded range fails fast instead.
/// </summary>
internal sealed class RangeLimiter : AstRewriter
{
    public const int MaxRangeLength = 10_000;

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
        new BoundedRangeExpression(Visit(rangeExpression.From), Visit(rangeExpression.To));

    private sealed class BoundedRangeExpression(Expression from, Expression to) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var start = (await from.EvaluateAsync(context).ConfigureAwait(false)).ToNumberValue();
            var end = (await to.EvaluateAsync(context).ConfigureAwait(false)).ToNumberValue();
            if (Math.Abs(end - start) >= MaxRangeLength)
            {
                throw new InvalidOperationException(
                    $"the range ({start.ToString(CultureInfo.InvariantCulture)}..{end.ToString(CultureInfo.InvariantCulture)}) has more than {MaxRangeLength} numbers; use a smaller range.");
            }

            return await new RangeExpression(new LiteralExpression(NumberValue.Create(start)), new LiteralExpression(NumberValue.Create(end)))
                .EvaluateAsync(context).ConfigureAwait(false);
        }
    }
}
