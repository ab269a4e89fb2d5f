using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkillRt.Tools.Builtin;

/// <summary>
/// A built-in tool: a fixed name, a description that tells the model exactly what the skill's
/// permissions allow (so it does not spend calls finding out), and a hand-written argument schema.
/// </summary>
internal abstract class BuiltinTool(string name, string description, JsonElement schema) : AIFunction
{
    /// <summary>The most bytes of text a tool hands the model at once: files, bodies, process output.</summary>
    public const int MaxTextBytes = 256 * 1024;

    public override string Name => name;

    public override string Description => description;

    public override JsonElement JsonSchema => schema;

    /// <summary>Parses a schema written in the source; tools keep the result in a static field so it is parsed once.</summary>
    protected static JsonElement ParseSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
