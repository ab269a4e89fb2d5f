using System.Collections.Generic;
using System.Linq;
using Microsoft.OpenApi;

namespace SkillRt.AgentDoc;

internal sealed partial class OpenApiMapper
{
    /// <summary>Every response that is not a success becomes an error with a remedy for its status class.</summary>
    private List<AgentDocError> Errors(OpenApiResponses? responses, string location)
    {
        var errors = new List<AgentDocError>();
        foreach (var (status, response) in responses ?? [])
        {
            if (status.Length == 0 || status[0] is '1' or '2' or '3')
            {
                continue;
            }

            var normalized = status.Length == 3 && status.EndsWith("xx", System.StringComparison.OrdinalIgnoreCase) ? status.Substring(0, 1) + "XX" : status;
            if (!AgentDocRules.Status.IsMatch(normalized))
            {
                _problems.Add(new(OpenApiMappingSeverity.Warning, location + "/responses/" + Pointer(status), $"'{status}' is not an HTTP status, a range (4XX) or 'default'; the response is not mapped"));
                continue;
            }

            var (meaning, remedy, retryable) = Remedy(normalized);
            var described = AgentText.FirstParagraph(response.Description, 300);
            var schema = response.Content is { Count: > 0 } content && PreferredMedia(content).Media.Schema is { } body
                ? SchemaJson(body, location + "/responses/" + Pointer(status))
                : null;
            errors.Add(new AgentDocError
            {
                Status = normalized,
                // The document's words say what this API means by the status; the class's meaning when it has none.
                Meaning = described is null || described.Length < 4 ? meaning : described,
                Remedy = remedy,
                Retryable = retryable,
                Schema = schema,
            });
        }

        return errors;
    }

    // What each status means to a caller and what to do, from HTTP's definitions (RFC 9110, RFC 6585).
    private static (string Meaning, string Remedy, bool? Retryable) Remedy(string status) => status switch
    {
        "400" => ("The request is malformed or a value is invalid.", "Fix the input: check it against the input schema (required fields, types, formats), then send it again.", false),
        "401" => ("The credentials are missing or invalid.", "Check that the request carries a valid credential as the authentication section says; ask the user for a new key if it was revoked.", false),
        "402" => ("The account cannot pay for this request.", "Tell the user: billing or quota on the account needs attention; do not retry.", false),
        "403" => ("The credentials are valid but not allowed to do this.", "Do not retry with the same credential; ask the user for one with the needed permission or scope.", false),
        "404" => ("The resource does not exist (or is not visible to this credential).", "Check the identifiers in the path; list or search the resources to find the right one.", false),
        "405" => ("The method is not allowed on this path.", "Use the method this operation documents.", false),
        "408" => ("The server timed out waiting for the request.", "Retry the same request.", true),
        "409" => ("The request conflicts with the resource's current state.", "Read the resource's current state, resolve the conflict, then retry.", false),
        "410" => ("The resource is gone for good.", "Do not retry; find its replacement.", false),
        "412" => ("A precondition of the request failed.", "Read the current state (and its ETag), then retry with matching preconditions.", false),
        "413" => ("The request is too large.", "Send less data: split the request or shrink attachments.", false),
        "415" => ("The body's media type is not supported.", "Send the body with the content type this operation documents.", false),
        "422" => ("The request is well formed but a value breaks a rule.", "Read the error body for the field at fault, fix that value, then send it again.", false),
        "429" => ("Too many requests: a rate limit or quota was hit.", "Wait (honour a Retry-After header if there is one), then retry with exponential backoff; slow down later calls.", true),
        "500" => ("The server failed.", "Retry with exponential backoff; if it keeps failing, report it to the user.", true),
        "502" or "503" or "504" => ("The service is unavailable or overloaded.", "Retry with exponential backoff.", true),
        "4XX" => ("The request was refused.", "Read the error body, fix the request, then send it again.", false),
        "5XX" => ("The server failed.", "Retry with exponential backoff; if it keeps failing, report it to the user.", true),
        "default" => ("Any other error.", "Read the error body's message to decide: fix the request, or retry later for a server-side problem.", null),
        _ when status[0] == '4' => ("The request was refused.", "Read the error body, fix the request, then send it again.", false),
        _ => ("The server failed.", "Retry with exponential backoff; if it keeps failing, report it to the user.", true),
    };
}
