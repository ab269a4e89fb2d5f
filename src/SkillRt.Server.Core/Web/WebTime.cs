using System;
using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace SkillRt.Server.Web;

/// <summary>How pages write times (the account and admin pages; the registry sees it through InternalsVisibleTo): UTC, to the minute, in a <c>&lt;time&gt;</c> element machines can read.</summary>
internal static class WebTime
{
    public static IHtmlContent Format(DateTime? utc, string none)
    {
        if (utc is not { } value)
        {
            return new HtmlString(System.Net.WebUtility.HtmlEncode(none));
        }

        var time = DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return new HtmlString(string.Create(CultureInfo.InvariantCulture, $"<time datetime=\"{time:yyyy-MM-ddTHH:mm:ssZ}\">{time:yyyy-MM-dd HH:mm} UTC</time>"));
    }
}
