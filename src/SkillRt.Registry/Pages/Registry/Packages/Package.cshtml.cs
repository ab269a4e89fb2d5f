using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SkillRt.Registry.Web.Packages;
using SkillRt.Server.Web;

namespace SkillRt.Registry.Pages.Registry.Packages;

/// <summary>
/// The skill page: <c>/packages/{id}</c> shows the latest listed version, <c>/packages/{id}/{version}</c>
/// any version (quarantined ones only to the package's owners and administrators). Unknown packages
/// and versions are a 404, which browsers get as the frame's HTML status page.
/// </summary>
internal sealed class PackageModel(PackagePageLoader loader) : PageModel
{
    private int _snippets;

    public PackagePageView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, string? version, CancellationToken cancellationToken)
    {
        var viewer = await WebSession.AuthenticateAsync(HttpContext).ConfigureAwait(false);
        if (await loader.LoadAsync(id, version, viewer, cancellationToken).ConfigureAwait(false) is not { } view)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    /// <summary>A fresh id for a copyable snippet (the copy button names it).</summary>
    public string NextSnippetId() => "snippet-" + (++_snippets).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
