using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SkillRt.Evaluation;

/// <summary>
/// <c>matches:</c> every selected node is a string in which the regular expression finds a match
/// (.NET syntax, unanchored: write ^ and $ to match the whole text). Each match is bounded by
/// <see cref="EvalLimits.RegexMatchTimeout"/>; a pattern that takes longer fails the assertion, saying so.
/// </summary>
internal sealed class MatchesCheck(JsonPathQuery path, Regex pattern) : PathCheck(path)
{
    public override string Kind => "matches";

    public override string Description => $"{Path.Text} matches /{pattern}/";

    protected override EvalAssertionResult Check(IReadOnlyList<JsonPathMatch> matches)
    {
        foreach (var match in matches)
        {
            if (!JsonValues.TryGetString(match.Node, out var text))
            {
                return Fail($"{match.Location} is {JsonValues.Describe(match.Node)}, not a string: {JsonValues.Show(match.Node)}");
            }

            try
            {
                if (!pattern.IsMatch(text))
                {
                    return Fail($"{match.Location} does not match: {JsonValues.Show(match.Node)}");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return Fail($"matching {match.Location} took longer than {EvalLimits.RegexMatchTimeout.TotalSeconds:0.#} s and was stopped; simplify the pattern (nested quantifiers such as (a+)+ backtrack exponentially)");
            }
        }

        return Pass();
    }
}
