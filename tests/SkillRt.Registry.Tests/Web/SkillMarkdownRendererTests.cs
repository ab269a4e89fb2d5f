using System;
using System.Linq;
using AngleSharp.Html.Parser;
using SkillRt.Registry.Web.Packages;
using Xunit;

namespace SkillRt.Registry.Tests.Web;

/// <summary>The skill body renderer against the XSS corpus, and what it keeps of ordinary Markdown.</summary>
public sealed class SkillMarkdownRendererTests
{
    private static readonly string[] ForbiddenElements =
        ["script", "iframe", "object", "embed", "form", "input", "button", "svg", "math", "style", "link", "meta", "base", "img", "video", "audio", "source", "template", "noscript", "body", "marquee", "frame", "frameset"];

    private static readonly SkillMarkdownRenderer Renderer = new();

    public static TheoryData<int> VectorIndexes() => new(Enumerable.Range(0, XssCorpus.Vectors.Count));

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Each_vector_renders_harmless(int index)
    {
        var (html, _) = Renderer.Render(XssCorpus.Vectors[index]);
        AssertHarmless(html, XssCorpus.Vectors[index]);
    }

    [Fact]
    public void The_whole_corpus_as_one_body_renders_harmless_and_keeps_its_text()
    {
        var (html, truncated) = Renderer.Render(XssCorpus.AsMarkdown());
        Assert.False(truncated);
        AssertHarmless(html, "the whole corpus");
        Assert.Contains("The end.", html, StringComparison.Ordinal);
        Assert.Contains("styled", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_are_kept_with_rel_and_images_become_links_that_load_nothing()
    {
        var (html, _) = Renderer.Render("See [the docs](https://example.com/docs) and ![diagram](https://cdn.example.com/d.png) and ![local](d.png).");
        var document = new HtmlParser().ParseDocument(html);
        var links = document.QuerySelectorAll("a").ToList();
        Assert.Equal(2, links.Count);
        Assert.Equal("https://example.com/docs", links[0].GetAttribute("href"));
        Assert.All(links, a => Assert.Equal(SkillMarkdownRenderer.LinkRel, a.GetAttribute("rel")));
        Assert.Equal("https://cdn.example.com/d.png", links[1].GetAttribute("href"));
        Assert.Equal("Image: diagram (cdn.example.com)", links[1].TextContent);
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Contains("[Image: local]", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_move_below_the_pages_own_and_markdown_blocks_survive()
    {
        var (html, _) = Renderer.Render("# Title\n\n## Part\n\n#### Deep\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```yaml\nkey: value\n```\n\n> quoted\n\n- [ ] item\n\n<details><summary>More</summary>hidden text</details>");
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("Title", document.QuerySelector("h4")?.TextContent);
        Assert.Equal("Part", document.QuerySelector("h5")?.TextContent);
        Assert.Equal("Deep", document.QuerySelector("h6")?.TextContent);
        Assert.Empty(document.QuerySelectorAll("h1, h2, h3"));
        Assert.NotNull(document.QuerySelector("table td"));
        Assert.Equal("key: value\n", document.QuerySelector("pre code")?.TextContent);
        Assert.NotNull(document.QuerySelector("blockquote"));
        Assert.Equal("More", document.QuerySelector("details summary")?.TextContent);
    }

    [Fact]
    public void A_body_over_the_limit_is_cut_and_says_so()
    {
        var (html, truncated) = Renderer.Render(new string('a', SkillMarkdownRenderer.MaxMarkdownCharacters + 10));
        Assert.True(truncated);
        Assert.True(html.Length < SkillMarkdownRenderer.MaxMarkdownCharacters + 100);
    }

    private static void AssertHarmless(string html, string what)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var elements = document.Body!.QuerySelectorAll("*").ToList();
        foreach (var element in elements)
        {
            Assert.False(ForbiddenElements.Contains(element.LocalName), $"<{element.LocalName}> survived from {what}: {html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"The handler {attribute.Name} survived from {what}: {html}");
                Assert.False(attribute.Name is "style" or "class" or "id" or "name" or "src" or "srcset" or "target" or "ping" or "formaction" or "background" or "xlink:href",
                    $"The attribute {attribute.Name} survived from {what}: {html}");
                Assert.DoesNotContain("javascript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("vbscript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
            }

            if (element.LocalName == "a" && element.GetAttribute("href") is { } href)
            {
                Assert.True(Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto", $"The link {href} survived from {what}");
                Assert.Equal(SkillMarkdownRenderer.LinkRel, element.GetAttribute("rel"));
            }
        }
    }
}
