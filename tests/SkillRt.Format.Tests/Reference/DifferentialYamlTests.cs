using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace SkillRt.Tests.Reference;

/// <summary>
/// SkillRt's YAML parser against YamlDotNet. On the corpus, the fixtures and the examples they must
/// agree exactly: same tree, or both reject. On fuzzed input SkillRt must never accept what YamlDotNet
/// rejects and never read a different tree; it may reject input YamlDotNet lets through where the
/// YAML 1.2 spec forbids it (an indicator starting a plain scalar in flow context, text or '#'
/// straight after a closing quote, tabs as indentation, flow lines not indented past their block).
/// </summary>
public sealed class DifferentialYamlTests
{
    private static readonly HashSet<string> YamlErrorIds = ["SKILL0002", "SKILL0007", "SKILL0008", "SKILL0009", "SKILL0010"];

    /// <summary>YAML constructs frontmatter uses, each a separate case.</summary>
    public static TheoryData<string> Corpus() =>
    [
        "a: 1\nb: two\nc: 3.5\nd: true\ne: null\nf: ~\ng:\nh: 0x1F\ni: 0o17\nj: -.inf\nk: .nan\n",
        "url: https://example.com/a:b\ntime: 12:30\nhash: a#b\ncomment: value # trailing\n",
        "description: This is a long\n  description over\n  three lines\nnext: x\n",
        "text: first\n\n  after blank\n\n\n  after two\nnext: x\n",
        "list:\n- a\n- b\nother:\n  - c\n  -   d\n",
        "nested:\n  - name: x\n    type: y\n  - name: z\n    inner:\n      - 1\n      - [2, 3]\n",
        "- - a\n  - b\n- - c\n",
        "flow: [a, b, [c, d], {e: f, g: [h]}, 'q', \"r\", ]\nmap: {a: 1, b, c: , 'd': \"e\"}\nempty: []\nnone: {}\n",
        "multi: [one,\n  two, # comment\n  three\n  words,\n  four]\n",
        "sq: 'it''s'\ndq: \"tab\\there\\nnew \\\"q\\\" \\\\ \\u00e9 \\x41 \\U0001F680\"\n",
        "sq: 'one\n  two\n\n  three'\ndq: \"a \\\n   b\n  c\"\n",
        "lit: |\n  line 1\n    indented\n  line 3\n\nfold: >\n  word\n  word\n\n  para\n    more\n  back\n",
        "strip: |-\n  text\n\n\nkeep: |+\n  text\n\n\nclip: |\n  text\n\n\nend: x\n",
        "indicator: |2\n    two extra\n  base\nfolded: >-\n\n  leading blank\n",
        "empty_lit: |\nnext: 1\n",
        "spaced: >\n  para\n    \n  more\n",
        "leading: |\n\n\n  text\n",
        "keep: |+\n \n\n\nclip: |\n  te\n",
        "a: &anchor\n  x: 1\nb: *anchor\nc: &s scalar\nd: *s\ne: &l [1, 2]\nf: [*l, *s]\n",
        "t1: !!str 123\nt2: !!int '7'\nt3: !custom thing\nt5: ! 12\n",
        "\"quoted key\": 1\n'single key': 2\nplain key with spaces: 3\n",
        "# leading comment\n\na: 1 # c\n# middle\nb:\n  # inside\n  c: 2\n",
        "a: 1\n...\n",
        "key:    spaced value   \nkey2:\tafter tab\n",
        "deep: {a: {b: {c: [1, [2, [3]]]}}}\n",
        "dash: -1\ndashword: -word\ncolon: :x\nq: ?x\n",
        "inputs:\n  - name: pr_url\n    type: url\n    required: true\n    description: >-\n      The pull request\n      to review.\n",
        "x: [a\n  , b]\n",
        "x: 'a' # c\ny: \"b\"   \n",
        "k: v\n  # indented comment\nk2: v\n",
        "empty_dash:\n  -\n  - x\n",
        "anchored_items:\n- &aa\n- b\n- !!str\n- c\n",
        "e1: \"\"\ne2: ''\n",
        "crlf: a\r\nlist:\r\n  - b\r\n  - c\r\nlit: |\r\n  x\r\n  y\r\n",
        // Invalid: both must reject.
        "a: [1, 2\n",
        "a: b: c\n",
        "a: 'unterminated\n",
        "a:\n\t- tab\n",
        "a: 1\n  b: 2\n",
        "- a\nb: c\n",
        "a: *nope\n",
        "a: \"\\q\"\n",
        "a: x\n...\nb: y\n",
        "a: @reserved\n",
        "list: - a\n",
        "a: 1\n b: 2\n",
        "lit: |\n   \n  y\n",
        "a: 1\n\t\nb: 2\n",
        "a: 1\n]: 2\n",
        "deep: {c\n  : 1}\n",
        "a:\n  &x - b\n",
        "!!str\n... a: b\n",
        "l: [a, !!str\n  !!str b]\n",
        "... a: b\n",
        "e1: x\n!!str: ''\n",
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Corpus_case_agrees_with_yamldotnet(string yaml) => AssertAgrees("---\n" + yaml + (yaml.EndsWith('\n') ? string.Empty : "\n") + "---\nbody\n");

    [Theory]
    [InlineData("? complex\n: value\n")]
    [InlineData("a: 1\n? b\n: 2\n")]
    [InlineData("m: {? k : v}\n")]
    [InlineData("l: [? k]\n")]
    [InlineData("%YAML 1.2\n")]
    [InlineData("t: !<tag:yaml.org,2002:str> 5\n")]
    [InlineData(": value\n")]
    public void Constructs_skillrt_deliberately_rejects_are_reported_as_unsupported(string yaml)
    {
        // YamlDotNet reads these; SkillRt says plainly that frontmatter should not use them.
        var diagnostic = Assert.Single(SkillDocument.Parse("---\n" + yaml + "---\n").Diagnostics);
        Assert.Equal("SKILL0010", diagnostic.Id);
    }

    [Fact]
    public void Every_fixture_and_example_agrees_with_yamldotnet()
    {
        foreach (var file in Directory.GetFiles(TestPaths.Fixtures, "SKILL.md", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles(TestPaths.Examples, "SKILL.md", SearchOption.AllDirectories)))
        {
            AssertAgrees(File.ReadAllText(file), file);
        }
    }

    [Fact]
    public void Mutated_skills_agree_with_yamldotnet()
    {
        var seeds = Directory.GetFiles(TestPaths.Fixtures, "SKILL.md", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(TestPaths.Examples, "SKILL.md", SearchOption.AllDirectories))
            .Select(File.ReadAllText)
            .Concat(Corpus().Select(row => "---\n" + (string)row.Data + "---\n"))
            .ToList();
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SKILLRT_FUZZ_SEED"), out var s) ? s : 424242;
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("SKILLRT_DIFF_ITERATIONS"), out var n) ? n : 3000;
        var random = new Random(seed);
        var failures = new List<string>();
        string[] noise = [" ", "  ", "\n", "\n  ", "- ", ": ", "'", "\"", "[", "]", "{", "}", ",", "#", " #", "|", ">", "&a ", "*a", "!!str ", "\t", "\\", "...", "\r\n", "x"];
        for (var i = 0; i < iterations; i++)
        {
            var text = new StringBuilder(seeds[random.Next(seeds.Count)]);
            for (var m = 1 + random.Next(3); m > 0 && text.Length > 8; m--)
            {
                // Mutate only inside the frontmatter region (after the first line) so the YAML is what varies.
                var position = 4 + random.Next(text.Length - 4);
                if (random.Next(2) == 0)
                {
                    text.Insert(position, noise[random.Next(noise.Length)]);
                }
                else
                {
                    text.Remove(position, Math.Min(1 + random.Next(3), text.Length - position));
                }
            }

            try
            {
                AssertAgrees(text.ToString(), $"mutation {i} of seed {seed}", allowStricter: true);
            }
            catch (Xunit.Sdk.XunitException exception) when (failures.Count < 8)
            {
                failures.Add(exception.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n----\n", failures));
    }

    // Control and non-ASCII characters as \uXXXX, so a failing input can be pasted back into a test.
    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            _ = c is '\n' ? builder.Append("\\n\n") : c is '\t' or '\r' || c > '~' ? builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// YamlDotNet 16.3 rejects a block scalar whose first blank line has exactly the content indentation
    /// ("lit: |\n  \n  y") or that has blank lines only ("lit: >\n \n"); YAML 1.2 (l-empty) allows both
    /// and PyYAML 6 reads them as "\ny\n" and "".
    /// </summary>
    private static bool IsKnownYamlDotNetFalseRejection(List<SkillDiagnostic> diagnostics) =>
        diagnostics.Any(d => d.Message.Contains("found extra spaces in first line", StringComparison.Ordinal) ||
                             d.Message.Contains("found more spaces in lines above first content line", StringComparison.Ordinal));

    /// <summary>
    /// Inputs YamlDotNet 16.3 misreads, checked against PyYAML 6 and the YAML 1.2 spec: an anchor on a
    /// value inside a flow mapping ("{a: &amp;x 1}" is rejected), a plain scalar with " *" inside
    /// ("a *b: c" is rejected or read as one scalar), and a flow key followed by ':' and ',' or '}'
    /// ("{min:}" gets the key "min:"), and a plain key that starts with ':' ("::  x" is rejected).
    /// PyYAML reads all of them as SkillRt does.
    /// </summary>
    private static bool HasKnownYamlDotNetQuirk(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"\{[^}]*:\s+&|(?:[^\s:\-\[\{,]|\S-|\S[\[\{])\s+\*\S|\S\s*:[,}]|(?m)^\s*::");

    /// <summary>Constructs frontmatter should not use (explicit or empty keys, directives) are rejected on purpose.</summary>
    private static bool IsDeliberateDifference(List<SkillDiagnostic> diagnostics) => diagnostics.All(d => d.Id == "SKILL0010");

    private static void AssertAgrees(string text, string? name = null, bool allowStricter = false)
    {
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        if (!SkillParser.TryFindFrontmatter(text, start, out var yamlStart, out var yamlEnd, out _, out _) || yamlEnd < 0 || text.IndexOf('\0') >= 0)
        {
            return;
        }

        var expectedDiagnostics = new List<SkillDiagnostic>();
        var actualDiagnostics = new List<SkillDiagnostic>();
        var expected = YamlDotNetReference.Read(text, yamlStart, yamlEnd, 2, expectedDiagnostics);
        var actual = YamlParser.Read(text, yamlStart, yamlEnd, 2, actualDiagnostics);
        var expectedFailed = expectedDiagnostics.Any(d => YamlErrorIds.Contains(d.Id));
        var actualFailed = actualDiagnostics.Any(d => YamlErrorIds.Contains(d.Id));
        var label = (name ?? "case") + ":\n" + Escape(text);

        if ((expectedFailed && IsKnownYamlDotNetFalseRejection(expectedDiagnostics)) || HasKnownYamlDotNetQuirk(text.Substring(yamlStart, yamlEnd - yamlStart)))
        {
            return;
        }

        if (expectedFailed)
        {
            Assert.True(actualFailed, $"YamlDotNet rejects ({string.Join("; ", expectedDiagnostics)}) but SkillRt accepts {label}");
            return;
        }

        if (actualFailed && (allowStricter || IsDeliberateDifference(actualDiagnostics)))
        {
            return;
        }

        Assert.False(actualFailed, $"YamlDotNet accepts but SkillRt rejects ({string.Join("; ", actualDiagnostics)}) {label}");
        var difference = TreeComparer.Difference(expected, actual);
        Assert.True(difference is null, difference + "\n" + label);
        Assert.Equal(expectedDiagnostics.Select(d => d.Id), actualDiagnostics.Select(d => d.Id));
    }
}
