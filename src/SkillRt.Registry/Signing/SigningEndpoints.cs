using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Hosting;
using SkillRt.Registry.Protocol;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Storage;
using SkillRt.Server.Hosting;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Signing;

/// <summary>
/// The signing API, each route a thin adapter over <see cref="SigningKeyService"/>: an owner's keys and
/// policy (read by anyone, changed with the <c>registry:signing-keys</c> scope by a member of the
/// owner), the keys that may sign a package, and whether a version is signed. The <c>.minisig</c> file
/// itself is served by the flat container (<see cref="ServeSignatureFileAsync"/>).
/// </summary>
internal static class SigningEndpoints
{
    /// <summary>Registers the signing services and the <c>registry:signing-keys</c> scope.</summary>
    public static void AddRegistrySigning(this ISkillRtServerBuilder builder)
    {
        builder.AddApiKeyScope(new ApiKeyScope(
            SigningRoutes.Scope,
            "Register and revoke the owner's signing keys and set its signing policy. Leave it out of publish-only keys (CI), so a leaked one cannot make its own signatures acceptable.",
            GrantedByDefault: true));
        builder.Services.AddScoped<SigningKeyService>();
        builder.Services.AddScoped<PublishSignatureCheck>();
    }

    public static void MapRegistrySigning(this IEndpointRouteBuilder registry, string pattern)
    {
        registry.MapGet(SigningRoutes.OwnerKeys, async (string owner, SigningKeyService keys, CancellationToken cancellationToken) =>
        {
            var (view, problem) = await keys.GetOwnerAsync(owner, cancellationToken).ConfigureAwait(false);
            return problem?.ToResult() ?? Results.Ok(view);
        });

        registry.MapPost(SigningRoutes.OwnerKeys, async (string owner, HttpContext context, SigningKeyService keys, CancellationToken cancellationToken) =>
        {
            var (request, invalid) = await ServerJson.ReadBodyAsync<AddSigningKeyRequest>(context.Request, SigningLimits.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
            if (invalid is not null)
            {
                return invalid;
            }

            var (view, problem) = await keys.AddAsync(context.GetServerCaller()!, owner, request!, cancellationToken).ConfigureAwait(false);
            return problem?.ToResult() ?? Results.Created($"{SigningRoutes.OwnerKeys.Replace("{owner}", owner, StringComparison.Ordinal)}/{view!.KeyId}", view);
        }).RequireScope(SigningRoutes.Scope).RequireWriteRateLimit();

        registry.MapDelete(SigningRoutes.OwnerKey, async (string owner, string keyId, HttpContext context, SigningKeyService keys, CancellationToken cancellationToken) =>
            await keys.RevokeAsync(context.GetServerCaller()!, owner, keyId, cancellationToken).ConfigureAwait(false) is { } problem
                ? problem.ToResult()
                : Results.NoContent()).RequireScope(SigningRoutes.Scope).RequireWriteRateLimit();

        registry.MapPut(SigningRoutes.OwnerPolicy, async (string owner, HttpContext context, SigningKeyService keys, CancellationToken cancellationToken) =>
        {
            var (request, invalid) = await ServerJson.ReadBodyAsync<SigningPolicyRequest>(context.Request, SigningLimits.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
            if (invalid is not null)
            {
                return invalid;
            }

            var (view, problem) = await keys.SetPolicyAsync(context.GetServerCaller()!, owner, request!, cancellationToken).ConfigureAwait(false);
            return problem?.ToResult() ?? Results.Ok(view);
        }).RequireScope(SigningRoutes.Scope).RequireWriteRateLimit();

        registry.MapGet(SigningRoutes.PackageKeys, async (string id, SigningKeyService keys, CancellationToken cancellationToken) =>
        {
            var (view, problem) = await keys.GetPackageAsync(id, cancellationToken).ConfigureAwait(false);
            return problem?.ToResult() ?? Results.Ok(view);
        });

        registry.MapGet(SigningRoutes.VersionSignature, async (string id, string version, HttpRequest request, PackageReader reader, RegistryDbContext database, IOptions<SkillRtServerOptions> server, CancellationToken cancellationToken) =>
        {
            if (await reader.FindVersionAsync(id, version, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return ReadProblems.VersionNotFound(id, version);
            }

            var signature = await FindAsync(database, found.Version.Id, cancellationToken).ConfigureAwait(false);
            var lowerId = found.Package.NormalizedId;
            var lowerVersion = found.Version.NormalizedVersion;
            var url = signature is null
                ? null
                : $"{ServiceIndexEndpoint.BaseUrl(request, server.Value, pattern)}{RegistryRoutes.FlatContainer}{lowerId}/{lowerVersion}/{lowerId}.{lowerVersion}.nupkg.minisig";
            return Results.Ok(new VersionSignatureView(
                found.Package.PackageId,
                found.Version.Version,
                signature is not null,
                signature?.KeyId,
                signature is null ? null : new DateTimeOffset(DateTime.SpecifyKind(signature.SignedAt, DateTimeKind.Utc)),
                url));
        });
    }

    /// <summary>
    /// <c>v3/flatcontainer/{id}/{version}/{id}.{version}.nupkg.minisig</c>: the author's signature of the
    /// .nupkg beside it, exactly as uploaded; 404 for an unsigned version.
    /// </summary>
    public static async Task<IResult> ServeSignatureFileAsync(string id, string version, HttpContext context, CancellationToken cancellationToken)
    {
        var reader = context.RequestServices.GetRequiredService<PackageReader>();
        if (await reader.FindVersionAsync(id, version, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return ReadProblems.VersionNotFound(id, version);
        }

        var database = context.RequestServices.GetRequiredService<RegistryDbContext>();
        return await FindAsync(database, found.Version.Id, cancellationToken).ConfigureAwait(false) is { } signature
            ? Results.Text(signature.Signature, "text/plain", Encoding.UTF8)
            : Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Version not signed",
                detail: $"{found.Package.PackageId} {found.Version.Version} was published without a signature; there is no .minisig to verify it with.");
    }

    private static Task<VersionSignatureRecord?> FindAsync(RegistryDbContext database, Guid versionId, CancellationToken cancellationToken) =>
        database.Set<VersionSignatureRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.VersionId == versionId, cancellationToken);
}
