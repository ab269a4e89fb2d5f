using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Sources;

/// <summary>
/// Waits and tries again when a registry answers 429 Too Many Requests, for as long as its
/// <c>Retry-After</c> says, within <see cref="RateLimitRetryPolicy"/>'s bounds, and says so on stderr every
/// time ("rate limited by host; retrying in 3 s (attempt 2 of 5)"): a command that pauses silently looks
/// hung. The same request is sent again, so its content must be re-readable: bytes, or a seekable stream
/// (StreamContent rewinds one). Past the bounds, the last 429 goes back to the caller, which reports it.
/// </summary>
internal sealed class RateLimitRetryHandler : DelegatingHandler
{
    /// <summary>The wait when a 429 has no Retry-After: a second, doubled each time.</summary>
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(1);

    private readonly RateLimitRetryPolicy _policy;
    private readonly TextWriter _error;
    private readonly TimeProvider _time;

    public RateLimitRetryHandler(RateLimitRetryPolicy policy, TextWriter error, HttpMessageHandler inner, TimeProvider? time = null)
        : base(inner)
    {
        _policy = policy;
        _error = error;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A handler for the CLI's registry clients: the environment's bounds, messages on stderr.</summary>
    public static RateLimitRetryHandler Create(HttpMessageHandler inner) => new(RateLimitRetryPolicy.FromEnvironment(), Console.Error, inner);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt >= _policy.MaxAttempts)
            {
                return response;
            }

            var wait = RetryAfter(response) ?? DefaultWait * (1 << Math.Min(attempt - 1, 6));
            if (waited + wait > _policy.MaxTotalWait)
            {
                await _error.WriteLineAsync($"rate limited by {request.RequestUri?.Authority}; not retrying: it asks for {Seconds(wait)} s, more than the {Seconds(_policy.MaxTotalWait - waited)} s left of {RateLimitRetryPolicy.MaxWaitVariable} ({Seconds(_policy.MaxTotalWait)} s)").ConfigureAwait(false);
                return response;
            }

            await _error.WriteLineAsync($"rate limited by {request.RequestUri?.Authority}; retrying in {Seconds(wait)} s (attempt {attempt + 1} of {_policy.MaxAttempts})").ConfigureAwait(false);
            response.Dispose();
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            waited += wait;
        }
    }

    /// <summary>The server's Retry-After as a wait: seconds, or a date (then measured from now; a past date is no wait).</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string Seconds(TimeSpan wait) => Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
