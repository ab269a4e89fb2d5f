using System;
using System.Net;

namespace SkillRt.Providers;

/// <summary>
/// A model call that failed at the provider, the same for every provider: which model, the HTTP status
/// when there was one, how long the server asked to wait, and a message that says what to do.
/// </summary>
public sealed class ModelProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="modelId">The catalog id of the model.</param>
    /// <param name="provider">Who serves it.</param>
    /// <param name="status">The HTTP status of the last try, when the server answered.</param>
    /// <param name="retryAfter">How long the server asked to wait before trying again, when it said.</param>
    /// <param name="innerException">The provider client's own exception.</param>
    public ModelProviderException(string message, string modelId, ModelProvider provider, HttpStatusCode? status, TimeSpan? retryAfter, Exception? innerException)
        : base(message, innerException)
    {
        ModelId = modelId;
        Provider = provider;
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>The catalog id of the model.</summary>
    public string ModelId { get; }

    /// <summary>Who serves it.</summary>
    public ModelProvider Provider { get; }

    /// <summary>The HTTP status of the last try, or <see langword="null"/> when no answer came (a refused connection, a timeout).</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>How long the server asked to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether trying again later may succeed: rate limits, overload and server errors.</summary>
    public bool IsTransient => Status is null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;
}
