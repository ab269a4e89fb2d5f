using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace SkillRt.Scanning.Tests.Rules;

/// <summary>
/// Every scanner pattern runs on the non-backtracking engine without a match timeout, so a loaded
/// machine cannot turn a slow match into a "could not be checked in time" finding that quarantines a
/// clean package (issue 18).
/// </summary>
public sealed class ScanRegexTests
{
    [Fact]
    public void Every_pattern_of_the_scanner_is_non_backtracking_and_has_no_timeout()
    {
        var patterns = AllPatterns().ToList();

        Assert.True(patterns.Count >= 30, $"found only {patterns.Count} patterns; the reflection walk misses some");
        foreach (var (name, regex) in patterns)
        {
            Assert.True(regex.Options.HasFlag(RegexOptions.NonBacktracking), name + " is not built with RegexOptions.NonBacktracking");
            Assert.True(regex.MatchTimeout == Regex.InfiniteMatchTimeout, name + " has a match timeout of " + regex.MatchTimeout);
        }
    }

    [Fact]
    public void A_line_built_to_make_backtracking_slow_is_scanned_without_a_timeout_finding()
    {
        // Long runs that almost match the bounded, lazy and alternated parts of the injection, secret and
        // capability patterns.
        var line = "<!-- you " + string.Concat(Enumerable.Repeat("ignore all of the ", 3000))
            + " api_key = " + new string('a', 5000) + " curl " + string.Concat(Enumerable.Repeat("~/.ssh ", 3000));
        var skill = "---\nname: slow\ndescription: Slow.\n---\n" + line + "\n```sh\n" + string.Concat(Enumerable.Repeat("rm -rf x ", 5000)) + "\n```\n";

        var report = new SkillScanner().ScanFiles(
            [new ScanInputFile("SKILL.md", Encoding.UTF8.GetBytes(skill)), new ScanInputFile("scripts/run.py", Encoding.UTF8.GetBytes("open(" + new string('(', 20000) + "\n"))],
            TestContext.Current.CancellationToken);

        Assert.DoesNotContain(report.Findings, f => f.Message.Contains("in time", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "SKILLSEC0001");
    }

    private static IEnumerable<(string Name, Regex Regex)> AllPatterns()
    {
        foreach (var type in typeof(SkillScanner).Assembly.GetTypes())
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (field.IsLiteral || type.ContainsGenericParameters)
                {
                    continue;
                }

                // Reading the field runs the type's initializer, which throws if the engine rejects a pattern.
                var value = field.GetValue(null);
                var name = type.Name + "." + field.Name;
                if (value is Regex regex)
                {
                    yield return (name, regex);
                }
                else if (value is Array array)
                {
                    var index = 0;
                    foreach (var item in array)
                    {
                        if (item is ITuple tuple)
                        {
                            for (var i = 0; i < tuple.Length; i++)
                            {
                                if (tuple[i] is Regex inTuple)
                                {
                                    yield return (name + "[" + index + "]", inTuple);
                                }
                            }
                        }
                        else if (item is Regex inArray)
                        {
                            yield return (name + "[" + index + "]", inArray);
                        }

                        index++;
                    }
                }
            }
        }
    }
}
