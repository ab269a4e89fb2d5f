using System;
using System.Collections.Generic;
using System.Linq;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// Turns a skill's Markdown body into HTML that is safe to put in a page anyone may publish to:
/// Markdig renders it (raw HTML included, since skills use &lt;details&gt; and &lt;br&gt;), then
/// HtmlSanitizer keeps only an allowlist of text-level and block elements with a handful of
/// attributes. What the output never holds: scripts, event handlers, styles or classes (no CSS
/// tricks, no borrowing the site's own classes), ids or names (no clobbering of the page's
/// elements), frames, objects, forms, SVG or MathML, meta or base tags, comments, and links other
/// than absolute http, https and mailto ones. Images are not loaded: each becomes a link to it
/// (or just its text), so a page never asks another server for anything. Headings move three levels
/// down (a body's h1 is an h4), below the page's own headings.
/// </summary>
internal sealed class SkillMarkdownRenderer
{
    /// <summary>The most Markdown rendered per skill; the rest is cut, and the page says so.</summary>
    public const int MaxMarkdownCharacters = 64 * 1024;

    /// <summary>What every link in a body gets: untrusted, not endorsed, no window.opener.</summary>
    public const string LinkRel = "nofollow ugc noopener";

    // How far a body's headings move down: the page uses h1 (package), h2 (skill), h3 (sections).
    private const int HeadingOffset = 3;

    private static readonly string[] Tags =
    [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl", "dt",
        "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
        "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    ];

    // No class, style, id or name; src only so an image can become a link to it.
    private static readonly string[] Attributes = ["href", "src", "alt", "title", "colspan", "rowspan", "start", "open", "datetime"];

    private static readonly string[] Schemes = ["http", "https", "mailto"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public SkillMarkdownRenderer()
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase);
        options.AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase);
        options.AllowedSchemes = new HashSet<string>(Schemes, StringComparer.OrdinalIgnoreCase);
        options.UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase);
        _sanitizer = new HtmlSanitizer(options);
        _sanitizer.FilterUrl += (_, e) =>
        {
            // Relative links point into a package this server does not serve file by file; keep
            // absolute http(s) and mailto only (the allowed schemes already refuse javascript:, data: …).
            if (e.SanitizedUrl is { } url && !IsAbsoluteWebUrl(url))
            {
                e.SanitizedUrl = null;
            }
        };
        _sanitizer.PostProcessNode += (_, e) => PostProcess(e);
    }

    /// <summary>The sanitized HTML of <paramref name="markdown"/>, and whether it was cut at <see cref="MaxMarkdownCharacters"/>.</summary>
    public (string Html, bool Truncated) Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var truncated = markdown.Length > MaxMarkdownCharacters;
        if (truncated)
        {
            markdown = markdown[..MaxMarkdownCharacters];
        }

        var html = Markdown.ToHtml(markdown, _pipeline);
        return (_sanitizer.Sanitize(html), truncated);
    }

    private static void PostProcess(PostProcessNodeEventArgs e)
    {
        if (e.Node is not IElement element)
        {
            return;
        }

        switch (element.LocalName)
        {
            case "a":
                element.SetAttribute("rel", LinkRel);
                break;
            case "img":
                e.ReplacementNodes.Add(ImageAsLink(e.Document, element));
                break;
            case ['h', >= '1' and <= '6'] heading:
                var level = Math.Min(6, heading[1] - '0' + HeadingOffset);
                var moved = e.Document.CreateElement("h" + level);
                foreach (var child in element.ChildNodes.ToList())
                {
                    moved.AppendChild(child);
                }

                e.ReplacementNodes.Add(moved);
                break;
        }
    }

    // An image would make the reader's browser ask another server (the CSP blocks that anyway); a
    // link to it lets the reader choose, and says what it shows.
    private static INode ImageAsLink(IDocument document, IElement image)
    {
        var alt = image.GetAttribute("alt");
        var text = string.IsNullOrWhiteSpace(alt) ? "Image" : "Image: " + alt.Trim();
        if (image.GetAttribute("src") is { } src && IsAbsoluteWebUrl(src) && Uri.TryCreate(src, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var link = document.CreateElement("a");
            link.SetAttribute("href", src);
            link.SetAttribute("rel", LinkRel);
            link.TextContent = text + " (" + uri.Host + ")";
            return link;
        }

        return document.CreateTextNode("[" + text + "]");
    }

    // Spelled with its own scheme: on Unix, .NET reads "//host/x" and "/x" as absolute file: URIs.
    private static bool IsAbsoluteWebUrl(string url)
    {
        var trimmed = url.Trim();
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" or "mailto"
            && trimmed.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase);
    }
}
