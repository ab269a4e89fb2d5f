using System.Text.Json.Nodes;
using Xunit;

namespace SkillRt.AgentDoc.Tests;

/// <summary>The writer and the reader agree: text → model → text is the same text, and model → text → model the same data and hash.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Writer_reproduces_a_document_in_its_own_layout_byte_for_byte()
    {
        var document = AgentDocReader.Parse(SampleDocs.Valid).Document!;

        Assert.Equal(SampleDocs.Valid, AgentDocWriter.Write(document));
    }

    [Fact]
    public void Awkward_strings_survive_the_trip()
    {
        var strings = new[]
        {
            "yes", "no", "null", "~", "1.0", "0x1F", "2024-01-01", "- dash", "key: value", "a #comment", "#hash", "'quoted'", "\"double\"",
            "trailing space ", " leading space", "line\nbreak", "ends with newline\n", "\n", "two\n\n", "tab\tinside", "  indented\nblock",
            "{braces}", "[brackets]", "*star", "&amp", "!bang", "%percent", "@at", "`tick`", "|pipe", ">fold", "€uro", "emoji 😀", "", "\u0085nel",
        };
        var operations = new System.Collections.Generic.List<AgentDocOperation>();
        for (var i = 0; i < strings.Length; i++)
        {
            operations.Add(new AgentDocOperation { Id = "op" + i, Title = "t" + strings[i], Purpose = strings[i] + "!", SideEffects = [strings[i]] });
        }

        var document = new AgentDocument
        {
            Identity = new AgentDocIdentity { Name = "strings", Version = "1.0" },
            Summary = "Strings.",
            Operations = operations,
            Schemas = [new AgentDocSchema("Keys", JsonNode.Parse("""{"properties":{"x-not-extension":{"const":"yes"},"$ref":{"type":"string"},"a b":{"enum":[1.5,true,null,"1"]}}}""")!)],
        };

        var text = AgentDocWriter.Write(document);
        var read = AgentDocReader.Parse(text);

        Assert.Empty(read.Diagnostics);
        Assert.Equal(text, AgentDocWriter.Write(read.Document!));
        Assert.Equal(AgentDocContentHash.Compute(document), read.ComputedContentHash);
        for (var i = 0; i < strings.Length; i++)
        {
            Assert.Equal(strings[i], read.Document!.Operations[i].SideEffects[0]);
        }
    }

    [Fact]
    public void Content_hash_ignores_layout_and_comments_but_not_data()
    {
        var reflowed = """
            # The same document, written by hand in another style.
            agentDoc: '0.1'
            summary: "Sends transactional email.\nCreate a domain first, then send from it."
            identity: {name: mailer, version: 2.1.0, title: Mailer API, source: {kind: manual}}
            """;
        var original = AgentDocReader.Parse(SampleDocs.Valid).Document! with
        {
            Concepts = [], Authentication = [], BaseUrls = [], Groups = [], Operations = [], Workflows = [], Schemas = [], Links = [],
        };

        Assert.Equal(AgentDocContentHash.Compute(original), AgentDocReader.Parse(reflowed).ComputedContentHash);
        Assert.NotEqual(AgentDocContentHash.Compute(original), AgentDocReader.Parse(reflowed.Replace("2.1.0", "2.1.1", System.StringComparison.Ordinal)).ComputedContentHash);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.0", "1")]
    [InlineData("1.5", "1.5")]
    [InlineData("-0.0", "0")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("123456789012345680000", "123456789012345680000")]
    public void Canonical_numbers_follow_rfc8785(string json, string canonical)
    {
        Assert.Equal(canonical, CanonicalJson.Write(JsonNode.Parse(json)));
    }

    [Fact]
    public void Canonical_json_sorts_members_by_utf16_code_units_and_escapes_minimally()
    {
        var json = JsonNode.Parse("""{"b":1,"a":{"\u00e9":"x","z":"\u0001\n\"é"},"A":[true,null]}""");

        Assert.Equal("{\"A\":[true,null],\"a\":{\"z\":\"\\u0001\\n\\\"é\",\"é\":\"x\"},\"b\":1}", CanonicalJson.Write(json));
    }
}
