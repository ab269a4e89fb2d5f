using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Tests.Parsing;

public sealed class SkillDocumentTests
{
    [Fact]
    public void File_without_frontmatter_is_prose_and_keeps_everything_as_body()
    {
        const string text = "# Title\n\nJust instructions.\n";
        var document = SkillDocument.Parse(text);

        Assert.Equal(SkillMode.Prose, document.Mode);
        Assert.Null(document.Frontmatter);
        Assert.Equal(text, document.Body);
        Assert.Equal(1, document.BodyLine);
        Assert.Empty(document.Diagnostics);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--")]
    [InlineData("----\nname: x\n----\n")]
    [InlineData("--- name: x\n---\n")]
    [InlineData(" ---\nname: x\n---\n")]
    [InlineData("\n---\nname: x\n---\n")]
    public void Only_an_exact_first_line_of_three_dashes_starts_frontmatter(string text)
    {
        var document = SkillDocument.Parse(text);
        Assert.Equal(SkillMode.Prose, document.Mode);
        Assert.Equal(text, document.Body);
    }

    [Fact]
    public void Delimiters_may_have_trailing_spaces_and_tabs()
    {
        var document = SkillDocument.Parse("--- \t\nname: x\n---  \nBody\n");
        Assert.Equal(SkillMode.Structured, document.Mode);
        Assert.Equal("x", ((FrontmatterScalar)document.Frontmatter!["name"]!).Value);
        Assert.Equal("Body\n", document.Body);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Body_is_kept_exactly_with_its_starting_line(string newline)
    {
        var text = string.Join(newline, "---", "name: demo", "description: d", "---", "# Heading  ", "", "\ttabbed {{ x }}", "last line without newline");
        var document = SkillDocument.Parse(text);

        Assert.Equal(5, document.BodyLine);
        Assert.Equal(string.Join(newline, "# Heading  ", "", "\ttabbed {{ x }}", "last line without newline"), document.Body);
    }

    [Fact]
    public void Body_bytes_are_identical_to_the_file_bytes_after_the_frontmatter()
    {
        var bytes = Encoding.UTF8.GetBytes("---\r\nname: demo\r\n---\r\nÜnïcödé 🚀 body\r\n\r\ntrailing  \n");
        var document = SkillDocument.Parse(bytes);
        var bodyStart = Encoding.UTF8.GetBytes("---\r\nname: demo\r\n---\r\n").Length;

        Assert.Equal(bytes.AsSpan(bodyStart).ToArray(), Encoding.UTF8.GetBytes(document.Body));
    }

    [Fact]
    public void Byte_order_mark_is_skipped_and_not_part_of_the_body()
    {
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("---\nname: x\n---\nBody")).ToArray();
        var fromBytes = SkillDocument.Parse(withBom);
        var fromString = SkillDocument.Parse("\uFEFF# Prose\n");

        Assert.Equal(SkillMode.Structured, fromBytes.Mode);
        Assert.Equal("Body", fromBytes.Body);
        Assert.Equal("# Prose\n", fromString.Body);
    }

    [Fact]
    public void Frontmatter_positions_are_lines_and_columns_in_the_skill_file()
    {
        var document = SkillDocument.Parse("---\nname: demo\ninputs:\n  - name: pr_url\n    type: url\n---\n");
        var inputs = (FrontmatterSequence)document.Frontmatter!["inputs"]!;
        var type = ((FrontmatterMapping)inputs.Items[0])["type"]!;

        Assert.Equal(new SourceSpan(2, 7, 2, 11), document.Frontmatter["name"]!.Span);
        Assert.Equal(new SourceSpan(5, 11, 5, 14), type.Span);
    }

    [Fact]
    public void Crlf_frontmatter_reports_the_same_positions_as_lf()
    {
        var lf = SkillDocument.Parse("---\nname: demo\ntags: [a, b\n---\n");
        var crlf = SkillDocument.Parse("---\r\nname: demo\r\ntags: [a, b\r\n---\r\n");

        Assert.Equal(lf.Diagnostics.Single().Span, crlf.Diagnostics.Single().Span);
        Assert.Equal(SourceSpan.At(3, 7), crlf.Diagnostics.Single().Span);
    }

    [Fact]
    public void Yaml_syntax_errors_point_into_the_skill_file()
    {
        var document = SkillDocument.Parse("---\nname: demo\ndescription: ok\n  bad indentation: here\n---\n");
        var diagnostic = Assert.Single(document.Diagnostics);

        Assert.Equal("SKILL0002", diagnostic.Id);
        Assert.Equal(new SourceSpan(4, 3, 4, 4), diagnostic.Span);
        Assert.StartsWith("YAML syntax error: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line:", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_preserved_in_source_order()
    {
        var document = SkillDocument.Parse("---\nzeta: 1\nname: demo\nalpha: [x]\nmodel: opus\n---\n");
        Assert.Equal(["zeta", "name", "alpha", "model"], document.Frontmatter!.Entries.Select(e => e.Name));
    }

    [Fact]
    public void Every_duplicate_key_is_reported_and_the_first_value_is_kept()
    {
        var document = SkillDocument.Parse("---\nname: first\nname: second\nnested:\n  a: 1\n  a: 2\n---\n");

        Assert.Equal(["SKILL0003", "SKILL0003"], document.Diagnostics.Select(d => d.Id));
        Assert.Equal("first", ((FrontmatterScalar)document.Frontmatter!["name"]!).Value);
        Assert.Equal(new SourceSpan(3, 1, 3, 5), document.Diagnostics[0].Span);
        Assert.Equal(new SourceSpan(6, 3, 6, 4), document.Diagnostics[1].Span);
    }

    [Theory]
    [InlineData("42", FrontmatterScalarKind.Integer, "42")]
    [InlineData("-7", FrontmatterScalarKind.Integer, "-7")]
    [InlineData("0x1F", FrontmatterScalarKind.Integer, "31")]
    [InlineData("0o17", FrontmatterScalarKind.Integer, "15")]
    [InlineData("1.0", FrontmatterScalarKind.Float, "1")]
    [InlineData(".5", FrontmatterScalarKind.Float, "0.5")]
    [InlineData("1e3", FrontmatterScalarKind.Float, "1000")]
    [InlineData(".inf", FrontmatterScalarKind.Float, "\".inf\"")]
    [InlineData("true", FrontmatterScalarKind.Boolean, "true")]
    [InlineData("False", FrontmatterScalarKind.Boolean, "false")]
    [InlineData("~", FrontmatterScalarKind.Null, "null")]
    [InlineData("", FrontmatterScalarKind.Null, "null")]
    [InlineData("yes", FrontmatterScalarKind.String, "\"yes\"")]
    [InlineData("1.2.3", FrontmatterScalarKind.String, "\"1.2.3\"")]
    [InlineData("\"42\"", FrontmatterScalarKind.String, "\"42\"")]
    [InlineData("'true'", FrontmatterScalarKind.String, "\"true\"")]
    [InlineData("!!str 5", FrontmatterScalarKind.String, "\"5\"")]
    [InlineData("!!int 5", FrontmatterScalarKind.Integer, "5")]
    [InlineData("!!float 1", FrontmatterScalarKind.Float, "1")]
    [InlineData("!!float 0x10", FrontmatterScalarKind.String, "\"0x10\"")]
    [InlineData("123456789012345678901234567890", FrontmatterScalarKind.Integer, "123456789012345678901234567890")]
    [InlineData("0xFFFFFFFFFFFFFFFFFF", FrontmatterScalarKind.Integer, "4722366482869645213695")]
    [InlineData("0o7777777777777777777777", FrontmatterScalarKind.Integer, "73786976294838206463")]
    public void Scalars_resolve_by_the_yaml_core_schema(string yaml, FrontmatterScalarKind kind, string json)
    {
        var value = (FrontmatterScalar)SkillDocument.Parse($"---\nv: {yaml}\n---\n").Frontmatter!["v"]!;
        Assert.Equal(kind, value.Kind);
        Assert.Equal(json, value.ToJson());
    }

    [Fact]
    public void Files_rejected_before_parsing_keep_their_mode()
    {
        Assert.Equal(SkillMode.Structured, SkillDocument.Parse("---\nname: a\0\n---\n").Mode);
        Assert.Equal(SkillMode.Structured, SkillDocument.Parse([(byte)'-', (byte)'-', (byte)'-', (byte)'\n', 0xFF]).Mode);
        Assert.Equal(SkillMode.Prose, SkillDocument.Parse("# prose\0").Mode);
        Assert.Equal(SkillMode.Prose, SkillDocument.Parse([(byte)'-', (byte)'-', (byte)'-', (byte)' ', (byte)'x', (byte)'\n', 0xFF]).Mode);
    }

    [Theory]
    [InlineData("x: \"\\UFFFFFFFF\"\n", "'\\U' needs 8 hexadecimal digits of a valid code point", 2, 5)]
    [InlineData("description: \"Reviews code\nversion: 1.0.0\n", "this quoted value is not closed on its line", 2, 14)]
    [InlineData("description: 'it's broken'\n", "write '' for an apostrophe inside single quotes", 2, 18)]
    [InlineData("name: a\n description: x\n", "indented more than the keys above it; align it with them", 3, 2)]
    public void Common_mistakes_get_a_message_that_says_what_to_do(string yaml, string expected, int line, int column)
    {
        var diagnostic = Assert.Single(SkillDocument.Parse("---\n" + yaml + "---\n").Diagnostics);
        Assert.Equal("SKILL0002", diagnostic.Id);
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
    }

    [Fact]
    public void Tree_collections_cannot_be_changed_through_a_cast()
    {
        var frontmatter = SkillDocument.Parse("---\na: [1, 2]\nb: 3\n---\n").Frontmatter!;
        Assert.Throws<NotSupportedException>(() => ((System.Collections.Generic.IList<FrontmatterEntry>)frontmatter.Entries).Clear());
        var list = (FrontmatterSequence)frontmatter["a"]!;
        Assert.Throws<NotSupportedException>(() => ((System.Collections.Generic.IList<FrontmatterNode>)list.Items).Clear());
    }

    [Fact]
    public void Control_characters_are_located_on_their_line()
    {
        var diagnostic = Assert.Single(SkillDocument.Parse("---\nname: a\ndescription: b\nnote: x\u0007y\n---\n").Diagnostics);
        Assert.Equal("SKILL0002", diagnostic.Id);
        Assert.Equal(new SourceSpan(4, 8, 4, 9), diagnostic.Span);
    }

    [Fact]
    public void Json_conversion_escapes_strings_and_keeps_structure()
    {
        var document = SkillDocument.Parse("---\na: \"quote \\\" back\\\\ tab\\t nl\\n bell\\a\"\nb: [1, {c: null}]\n---\n");
        Assert.Equal("{\"a\":\"quote \\\" back\\\\ tab\\t nl\\n bell\\u0007\",\"b\":[1,{\"c\":null}]}", document.Frontmatter!.ToJson());
        using var parsed = System.Text.Json.JsonDocument.Parse(document.Frontmatter.ToJson());
        Assert.Equal("quote \" back\\ tab\t nl\n bell\a", parsed.RootElement.GetProperty("a").GetString());
    }

    [Fact]
    public void Empty_frontmatter_is_an_empty_mapping()
    {
        var document = SkillDocument.Parse("---\n---\nBody");
        Assert.Empty(document.Frontmatter!.Entries);
        Assert.Equal("Body", document.Body);
        Assert.Equal(3, document.BodyLine);
    }

    [Fact]
    public void Unterminated_frontmatter_points_at_the_opening_line()
    {
        var document = SkillDocument.Parse("---\nname: demo\n\n# Body");
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal("SKILL0001", diagnostic.Id);
        Assert.Equal(new SourceSpan(1, 1, 1, 4), diagnostic.Span);
        Assert.Null(document.Frontmatter);
    }

    [Fact]
    public async Task Load_and_LoadAsync_read_the_same_document_and_keep_the_path()
    {
        var path = Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md");
        var sync = SkillDocument.Load(path);
        var async = await SkillDocument.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(path, sync.Path);
        Assert.Equal(sync.Body, async.Body);
        Assert.Equal(sync.Frontmatter!.ToJson(), async.Frontmatter!.ToJson());
    }

    [Fact]
    public void Load_reports_an_oversized_file_without_reading_all_of_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "skillrt-" + Guid.NewGuid().ToString("N") + ".md");
        try
        {
            using (var stream = File.Create(path))
            {
                stream.SetLength(64L * 1024 * 1024);
            }

            var document = SkillDocument.Load(path);
            var diagnostic = Assert.Single(document.Diagnostics);
            Assert.Equal("SKILL0004", diagnostic.Id);
            Assert.Contains("67108864 bytes", diagnostic.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_file_throws_a_file_not_found_exception()
    {
        Assert.Throws<FileNotFoundException>(() => SkillDocument.Load(Path.Combine(Path.GetTempPath(), "no-such-skill-" + Guid.NewGuid().ToString("N") + ".md")));
    }

    [Fact]
    public void Diagnostics_format_like_the_compiler()
    {
        var diagnostic = SkillDocument.Parse("---\nname: x\n").Diagnostics.Single();
        Assert.Equal(
            "skills/x/SKILL.md(1,1): error SKILL0001: The frontmatter opened on line 1 is never closed; add a line containing only '---' after the last YAML line",
            diagnostic.ToString("skills/x/SKILL.md"));
    }
}
