using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SkillRt.Server.AgentDocs;

/// <summary>
/// Limits the MCP endpoint's request bodies to <see cref="AgentDocServerOptions.MaxRequestBytes"/>: a declared
/// length over it is a 413 problem at once; a chunked body is cut off by Kestrel at the same size. The SDK's
/// endpoints are request delegates, not route handlers, so the limit wraps the delegate rather than a filter.
/// </summary>
internal static class RequestSizeLimit
{
    public static TBuilder LimitRequestSize<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate;
            if (inner is null)
            {
                return;
            }

            endpoint.RequestDelegate = context => LimitAsync(context, inner);
        });
        return builder;
    }

    private static Task LimitAsync(HttpContext context, RequestDelegate inner)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<AgentDocServerOptions>>().Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request too large",
                detail: $"The request body is {context.Request.ContentLength:N0} bytes; this endpoint reads at most {limit:N0} (SkillRt:AgentDocs:MaxRequestBytes). An MCP tool call is a few hundred bytes.").ExecuteAsync(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = Math.Min(size.MaxRequestBodySize ?? long.MaxValue, limit);
        }

        return inner(context);
    }
}
