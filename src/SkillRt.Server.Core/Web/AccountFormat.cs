using System;
using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace SkillRt.Server.Web;

/// <summary>How the account pages write times: UTC, to the minute, in a <c>&lt;time&gt;</c> element machines can read.</summary>
internal static class AccountFormat
{
    public static IHtmlContent Time(DateTime? utc, string none)
    {
        if (utc is not { } value)
        {
            return new HtmlString(System.Net.WebUtility.HtmlEncode(none));
        }

        var time = DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return new HtmlString(string.Create(CultureInfo.InvariantCulture, $"<time datetime=\"{time:yyyy-MM-ddTHH:mm:ssZ}\">{time:yyyy-MM-dd HH:mm} UTC</time>"));
    }
}
