using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Handoff.Tools;

/// <summary>
/// The <c>delegate</c> tool a parent model calls with an envelope as its arguments (HANDOFF-SPEC
/// section 8): its input schema is the envelope's schema, and it answers with the result's JSON.
/// The parent holds what its own skill is permitted, so that is all it can grant.
/// </summary>
internal sealed class DelegateFunction(IHandoffDelegator delegator, DelegateOptions options, SkillDescriptor parent) : AIFunction
{
    public const string ToolName = "delegate";

    private static readonly Lazy<JsonElement> Schema = new(() => JsonDocument.Parse(HandoffSchemas.Load("handoff-envelope.schema.json")).RootElement);

    public override string Name => ToolName;

    public override string Description =>
        "Hands a sub-task to another model and returns its result. The arguments are a handoff envelope: a goal, the input, "
        + "the output's JSON Schema, optional assertions, and a budget. The result has a status (completed, criteria_unmet, "
        + "budget_exhausted, failed, cancelled), the output when completed, and the usage.";

    public override JsonElement JsonSchema => Schema.Value;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToElement(
            arguments.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
            (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Dictionary<string, object?>>)AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>)));
        var parentGrants = new HandoffGrants
        {
            Permissions = new HandoffPermissions
            {
                Network = [.. parent.Permissions.Network],
                // A handoff grants globs without an access mode, which the child gets read-write; so only the parent's read-write globs can be passed on.
                Filesystem = [.. parent.Permissions.Filesystem.Where(r => r.Access == SkillFileAccess.ReadWrite).Select(r => r.Pattern)],
                Env = [.. parent.Permissions.Environment],
            },
        };
        var result = HandoffEnvelopeValidator.TryRead(json, new HandoffValidationContext { ParentGrants = parentGrants }, out var envelope, out var problems)
            ? await delegator.DelegateAsync(envelope!, new DelegateOptions
            {
                Model = options.Model,
                Escalation = options.Escalation,
                RetriesPerModel = options.RetriesPerModel,
                MaxRepairAttempts = options.MaxRepairAttempts,
                Grader = options.Grader,
                ParentGrants = parentGrants,
            }, cancellationToken).ConfigureAwait(false)
            : new HandoffResult
            {
                // The model wrote the envelope, so it reads the problems and can correct it.
                TaskId = json.TryGetProperty("taskId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "unknown",
                Status = HandoffStatus.Failed,
                Usage = new HandoffUsage(),
                Attempts = [],
                Evidence = [],
                Error = new HandoffError { Code = "invalid_envelope", Message = "The envelope is invalid: " + string.Join(" ", problems), Path = problems[0].Path },
            };
        return JsonSerializer.SerializeToElement(result, HandoffJson.Result);
    }
}
