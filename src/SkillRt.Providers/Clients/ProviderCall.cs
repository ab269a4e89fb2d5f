using System;
using System.Net;
using System.Threading;

namespace SkillRt.Providers;

/// <summary>
/// What the HTTP layer saw of one chat call (the last failed status, its body, how many tries), for the
/// error the chat client raises: every provider's client reports failures its own way, but all of them
/// go through <see cref="RateLimitRetryHandler"/>, which records here what actually came back.
/// </summary>
internal sealed class ProviderCall
{
    private const int MaxBodyLength = 500;
    private static readonly AsyncLocal<ProviderCall?> CurrentCall = new();

    public static ProviderCall? Current => CurrentCall.Value;

    public HttpStatusCode? Status { get; private set; }

    public string? Body { get; private set; }

    public TimeSpan? RetryAfter { get; private set; }

    public int Tries { get; set; }

    /// <summary>Starts recording for the calls made on this async flow (the HTTP requests below it see it).</summary>
    public static ProviderCall Begin() => CurrentCall.Value = new ProviderCall();

    public void RecordFailure(HttpStatusCode status, string? body, TimeSpan? retryAfter)
    {
        Status = status;
        Body = body is { Length: > MaxBodyLength } ? body[..MaxBodyLength] + "…" : body;
        RetryAfter = retryAfter;
    }
}
