using Microsoft.Extensions.DependencyInjection.Extensions;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Web.Admin;
using SkillRt.Registry.Web.Owners;
using SkillRt.Registry.Web.Packages;
using SkillRt.Server.Hosting;
using SkillRt.Server.Web;

namespace SkillRt.Registry.Web;

/// <summary>
/// The registry's pages in the server's web UI: search (<c>/</c>), skills (<c>/packages/{id}</c>),
/// owners (<c>/owners/{name}</c>) and the administrators' pages (<c>/admin</c>), with the readers behind them.
/// </summary>
internal static class RegistryWebPages
{
    public static void AddRegistryWebPages(this ISkillRtServerBuilder builder)
    {
        var services = builder.Services;
        services.AddPackagePages();
        services.TryAddScoped<OwnerPageReader>();
        services.TryAddScoped<AdminOverviewReader>();
        services.TryAddScoped<AbuseReportReader>();
        services.TryAddScoped<AuditLogReader>();
        builder.AddWebPages(typeof(RegistryMarker).Assembly);
        builder.AddWebNavigation(new WebNavigationItem("Skills", "/", Order: 0));
        builder.AddWebNavigation(new WebNavigationItem("Admin", "/admin", Order: 90, AdministratorsOnly: true));
    }
}
