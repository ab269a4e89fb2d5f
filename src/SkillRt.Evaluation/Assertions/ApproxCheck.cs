using System;
using System.Collections.Generic;
using System.Globalization;

namespace SkillRt.Evaluation;

/// <summary>
/// <c>approx:</c> every selected node is a number within a tolerance of the value: absolute
/// (<c>|x − value| ≤ tolerance</c>) or relative (<c>|x − value| ≤ relative × |value|</c>).
/// </summary>
internal sealed class ApproxCheck(JsonPathQuery path, double value, double tolerance, bool relative) : PathCheck(path)
{
    public override string Kind => "approx";

    public override string Description => relative
        ? string.Create(CultureInfo.InvariantCulture, $"{Path.Text} is {value} ± {tolerance * 100:0.###}%")
        : string.Create(CultureInfo.InvariantCulture, $"{Path.Text} is {value} ± {tolerance}");

    protected override EvalAssertionResult Check(IReadOnlyList<JsonPathMatch> matches)
    {
        var allowed = relative ? tolerance * Math.Abs(value) : tolerance;
        foreach (var match in matches)
        {
            if (!JsonValues.TryGetNumber(match.Node, out var actual))
            {
                return Fail($"{match.Location} is {JsonValues.Describe(match.Node)}, not a number: {JsonValues.Show(match.Node)}");
            }

            // A hair of slack for binary rounding, so 0.3 is within 0.1 of 0.2.
            var difference = Math.Abs(actual - value);
            if (!(difference <= allowed + (Math.Abs(value) * 1e-12)))
            {
                return Fail(string.Create(CultureInfo.InvariantCulture, $"{match.Location} is {actual}, {difference:G6} away (allowed {allowed:G6})"));
            }
        }

        return Pass();
    }
}
