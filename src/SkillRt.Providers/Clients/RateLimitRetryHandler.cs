using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Providers;

/// <summary>
/// Retries what a provider refuses for now (429, 500, 502, 503, 504, a dropped connection) the same way
/// for every provider: after the server's <c>Retry-After</c> when it gives one, else after a doubling
/// delay, at most <see cref="ModelClientOptions.MaxRetries"/> times. The providers' own retries are off,
/// so one policy decides. A wait longer than <see cref="ModelClientOptions.MaxRetryDelay"/> is not
/// taken: the call fails at once and says when to try again.
/// </summary>
internal sealed class RateLimitRetryHandler : DelegatingHandler
{
    private readonly ModelClientOptions _options;

    public RateLimitRetryHandler(ModelClientOptions options, HttpMessageHandler inner)
        : base(inner) => _options = options;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Resending needs the body again: buffered once, every try sends the same bytes.
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        }

        var call = ProviderCall.Current;
        var delay = _options.FirstRetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            if (call is not null)
            {
                call.Tries = attempt + 1;
            }

            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < _options.MaxRetries && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay *= 2;
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var retryAfter = RetryAfter(response);
            if (call is not null)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                call.RecordFailure(response.StatusCode, body, retryAfter);
            }

            var wait = retryAfter ?? delay;
            if (!IsTransient(response.StatusCode) || attempt >= _options.MaxRetries || wait > _options.MaxRetryDelay)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            || (int)status == 529; // Anthropic's "overloaded"

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (header.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        // OpenAI also sends the wait in milliseconds, finer than Retry-After's seconds.
        if (response.Headers.TryGetValues("retry-after-ms", out var values))
        {
            foreach (var value in values)
            {
                if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms >= 0)
                {
                    return TimeSpan.FromMilliseconds(ms);
                }
            }
        }

        return null;
    }
}
