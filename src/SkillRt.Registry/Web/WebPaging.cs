using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SkillRt.Registry.Web;

/// <summary>
/// The <c>page</c> query parameter of paged pages, read from the query string: Razor Pages' own
/// <c>page</c> route value (the page's name) would win over it in model binding.
/// </summary>
internal static class WebPaging
{
    /// <summary>The page asked for, from 1; 1 when absent or not a positive whole number.</summary>
    public static int PageNumber(HttpRequest request) =>
        int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;
}
