using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Memory;

/// <summary>
/// One memory tool offered to a skill's model: a name, a description, a hand-written input schema and a
/// handler over the arguments as JSON. A refusal or bad argument is thrown, so the runner shows it to the
/// model as a tool error and counts the call as failed.
/// </summary>
internal sealed class MemoryFunction(string name, string description, string schema, Func<IReadOnlyDictionary<string, JsonElement>, CancellationToken, Task<string>> handler) : AIFunction
{
    private readonly JsonElement _schema = JsonDocument.Parse(schema).RootElement.Clone();

    public override string Name => name;

    public override string Description => description;

    public override JsonElement JsonSchema => _schema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in arguments)
        {
            values[key] = value switch
            {
                null => default,
                JsonElement element => element,
                string text => JsonSerializer.SerializeToElement(text, MemoryToolJsonContext.Default.String),
                _ => throw new MemoryToolException($"{name}: the argument '{key}' is not JSON."),
            };
        }

        return await handler(values, cancellationToken).ConfigureAwait(false);
    }
}
