using System;

namespace SkillRt.Schemas;

/// <summary>One way a JSON value breaks a schema: where in the value, which keyword of the schema, and what to change.</summary>
public sealed class JsonSchemaError
{
    /// <summary>Creates an error.</summary>
    /// <param name="instanceLocation">A JSON Pointer (RFC 6901) into the value; empty for the whole value.</param>
    /// <param name="schemaLocation">A JSON Pointer into the schema document to the keyword that failed.</param>
    /// <param name="message">What is wrong, as a sentence a person or a model can act on.</param>
    public JsonSchemaError(string instanceLocation, string schemaLocation, string message)
    {
        ArgumentNullException.ThrowIfNull(instanceLocation);
        ArgumentNullException.ThrowIfNull(schemaLocation);
        ArgumentNullException.ThrowIfNull(message);
        InstanceLocation = instanceLocation;
        SchemaLocation = schemaLocation;
        Message = message;
    }

    /// <summary>A JSON Pointer to the offending value, such as <c>/findings/2/severity</c>; empty for the whole value.</summary>
    public string InstanceLocation { get; }

    /// <summary>A JSON Pointer to the schema keyword that failed, such as <c>/$defs/finding/properties/severity/enum</c>.</summary>
    public string SchemaLocation { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <summary>The error as <c>/pointer: message</c>, with <c>(root)</c> for the whole value.</summary>
    public override string ToString() => (InstanceLocation.Length == 0 ? "(root)" : InstanceLocation) + ": " + Message;
}
