using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SkillRt.Schemas;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Schemas;

/// <summary>
/// Measures <see cref="JsonSchemaValidator"/> on the whole official JSON Schema Test Suite (draft
/// 2020-12), read in place from ../shared/testdata: every group's schema is compiled once and every
/// test's data validated, and the verdict compared with the suite's. Groups that need documents the
/// suite serves from a remote host are excluded and listed in Conformance/excluded.txt; every test
/// where SkillRt's verdict differs is listed, with its reason, in Conformance/divergences.txt. A new
/// difference fails, and so does a listed one that no longer happens, or a schema that does not
/// compile without being listed as excluded.
/// </summary>
public sealed class JsonSchemaSuiteTests
{
    private static readonly string Suite = Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "testdata", "json-schema-test-suite", "tests", "draft2020-12");
    private static readonly string Conformance = Path.Combine(TestPaths.RepositoryRoot, "tests", "SkillRt.Runtime.Tests", "Schemas", "Conformance");

    // The separator between a listed test and its reason.
    private const string ReasonSeparator = "  -- ";

    [Fact]
    public void The_validator_agrees_with_the_json_schema_test_suite()
    {
        Assert.True(Directory.Exists(Suite), $"The JSON Schema Test Suite is expected at {Suite}; see ../shared/testdata/README.md.");
        var excluded = Listed("excluded.txt");
        var known = Listed("divergences.txt");

        int total = 0, outOfScope = 0, agree = 0;
        var differ = new List<string>();
        var unexpectedlyExcluded = new List<string>();
        foreach (var path in Directory.GetFiles(Suite, "*.json").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var group in document.RootElement.EnumerateArray())
            {
                var name = $"{file}: {group.GetProperty("description").GetString()}";
                var tests = group.GetProperty("tests").EnumerateArray().ToList();
                total += tests.Count;
                JsonSchemaValidator? validator;
                try
                {
                    validator = JsonSchemaValidator.Create(group.GetProperty("schema"));
                }
                catch (ArgumentException exception)
                {
                    validator = null;
                    if (!excluded.ContainsKey(name))
                    {
                        unexpectedlyExcluded.Add($"{name}: {exception.Message}");
                    }
                }

                if (excluded.ContainsKey(name))
                {
                    outOfScope += tests.Count;
                    continue;
                }

                if (validator is null)
                {
                    continue;
                }

                foreach (var test in tests)
                {
                    var data = test.GetProperty("data");
                    var expected = test.GetProperty("valid").GetBoolean();
                    var valid = validator.IsValid(data);

                    // The two entry points must agree: errors exactly when the value is invalid.
                    var errors = validator.Validate(data);
                    Assert.True(valid == (errors.Count == 0), $"{name}: {test.GetProperty("description").GetString()}: IsValid says {valid} but Validate found {errors.Count} errors.");
                    if (valid == expected)
                    {
                        agree++;
                    }
                    else
                    {
                        differ.Add($"{name}: {test.GetProperty("description").GetString()}");
                    }
                }
            }
        }

        var inScope = total - outOfScope;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"JSON Schema Test Suite, draft 2020-12: {total} tests; {outOfScope} excluded ({excluded.Count} groups); {inScope} in scope; {agree} agree ({100.0 * agree / inScope:F1}%), {differ.Count} differ.");
        foreach (var difference in differ)
        {
            TestContext.Current.TestOutputHelper?.WriteLine("differs: " + difference);
        }

        Assert.True(unexpectedlyExcluded.Count == 0, "Schemas that did not compile; fix the compiler or list them in excluded.txt with a reason:" + Environment.NewLine + string.Join(Environment.NewLine, unexpectedlyExcluded));
        var unexpected = differ.Where(d => !known.ContainsKey(d)).ToList();
        var stale = known.Keys.Where(k => !differ.Contains(k)).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected differences:" + Environment.NewLine + string.Join(Environment.NewLine, unexpected));
        Assert.True(stale.Count == 0, "Listed divergences that no longer happen; remove them from divergences.txt:" + Environment.NewLine + string.Join(Environment.NewLine, stale));
        Assert.True(agree >= 0.95 * inScope, $"Only {agree} of {inScope} in-scope tests agree; at least 95% must.");
        Assert.True(total >= 1281, $"Only {total} suite tests were read; the suite changed.");
    }

    // "file: group[: test]  -- reason" lines; '#' starts a comment line.
    private static Dictionary<string, string> Listed(string fileName)
    {
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(Conformance, fileName)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var separator = line.IndexOf(ReasonSeparator, StringComparison.Ordinal);
            Assert.True(separator > 0, $"{fileName}: '{line}' has no reason; write '<test>{ReasonSeparator}<why>'.");
            listed.Add(line[..separator], line[(separator + ReasonSeparator.Length)..]);
        }

        return listed;
    }
}
