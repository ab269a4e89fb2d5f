using System;
using System.Linq;
using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;

namespace SkillRt.Server.Web;

/// <summary>
/// How modules put pages into the server's web UI: Razor pages in the module's assembly
/// (<see cref="AddWebPages"/>), embedded stylesheets and scripts (<c>SkillRt.Web.Assets.*</c>) and
/// header links (<see cref="AddWebNavigation"/>). The frame (layout, sign-in, headers, caching) is the server's.
/// </summary>
public static class ServerWebExtensions
{
    /// <summary>
    /// Serves the Razor pages and embedded web assets of <paramref name="assembly"/> in the server's frame.
    /// A module keeps its pages under <c>Pages/{Module}/</c> (the frame owns <c>Pages/_ViewImports</c>,
    /// <c>_ViewStart</c> and <c>Shared/_Layout</c>), and sets each page's route with <c>@page "/…"</c>.
    /// </summary>
    public static ISkillRtServerBuilder AddWebPages(this ISkillRtServerBuilder builder, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(assembly);
        var mvc = builder.Services.AddRazorPages();
        // The host program's SDK may already list the assembly as a part; a second listing would map its pages twice.
        if (!mvc.PartManager.ApplicationParts.OfType<AssemblyPart>().Any(part => part.Assembly == assembly))
        {
            mvc.AddApplicationPart(assembly);
        }

        if (!builder.Services.Any(service => service.ImplementationInstance is WebAssetSource source && source.Assembly == assembly))
        {
            builder.Services.AddSingleton(new WebAssetSource(assembly));
        }

        return builder;
    }

    /// <summary>Adds a link to the header of every page.</summary>
    public static ISkillRtServerBuilder AddWebNavigation(this ISkillRtServerBuilder builder, WebNavigationItem item)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(item);
        builder.Services.AddSingleton(item);
        return builder;
    }

    /// <summary>The frame's services: Razor pages with the session policies, the cookie scheme, the key ring in the database.</summary>
    internal static void AddServerWeb(this ISkillRtServerBuilder builder)
    {
        var services = builder.Services;
        builder.AddWebPages(typeof(ServerWebExtensions).Assembly);
        services.AddSingleton(provider => new WebAssets(provider.GetServices<WebAssetSource>()));
        // Before the default writer: a browser's navigation gets a page, everyone else a problem document.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, WebStatusPages>());
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            // Pages say who may see them with [Authorize(Policy = WebSession.SignedInPolicy or AdministratorPolicy)].
            options.Conventions.AddFolderApplicationModelConvention("/", model => model.EndpointMetadata.Add(WebPageMetadata.Instance));
        });

        // One key ring for every replica, in the identity tables; the keys protect session cookies and antiforgery tokens.
        services.AddDataProtection().SetApplicationName("SkillRt").PersistKeysToDbContext<IdentityDbContext>();
        services.AddAuthentication().AddCookie(WebSession.Scheme, options =>
        {
            options.Cookie.Name = "skillrt.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = WebSession.IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = WebSession.SignInPath;
            options.LogoutPath = "/account/sign-out";
            options.Events.OnValidatePrincipal = WebSession.ValidateAsync;
            // A signed-in account without the right answers 403 with a page, not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return System.Threading.Tasks.Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(WebSession.SignedInPolicy, policy => policy.AddAuthenticationSchemes(WebSession.Scheme).RequireAuthenticatedUser())
            .AddPolicy(WebSession.AdministratorPolicy, policy => policy.AddAuthenticationSchemes(WebSession.Scheme).RequireAuthenticatedUser()
                .RequireAssertion(context => context.Resource is HttpContext http && http.GetServerCaller() is { IsAdministrator: true } caller && caller.HasScope(ApiKeyScopes.Admin)));
    }

    /// <summary>The frame's middleware (page headers and caching), after routing, before the endpoints.</summary>
    internal static void UseServerWeb(this IApplicationBuilder app) => app.UseMiddleware<WebPageResponses>();

    /// <summary>Maps the pages of every module and <c>/assets/{name}</c>.</summary>
    internal static void MapServerWeb(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods(WebAssets.PathPrefix + "{name}", [HttpMethods.Get, HttpMethods.Head], WebAssetEndpoint.HandleAsync).ExcludeFromDescription();
        routes.MapRazorPages();
    }
}
