using System;
using System.ComponentModel;
using System.Threading;
using SkillRt.Schemas;

namespace SkillRt.Serialization;

/// <summary>
/// A part of a skill's schema that no C# type expresses exactly (<c>not</c>, <c>if</c>/<c>then</c>,
/// <c>prefixItems</c>, <c>patternProperties</c>, a <c>oneOf</c> of scalars, …), checked with
/// <see cref="JsonSchemaValidator"/> by the generated reader so that it is never left unenforced.
/// Generated code creates one per such part; it is public only for that reason.
/// </summary>
/// <remarks>
/// Compiled on first use, not when the skill's type is initialized: a schema the build-time checks
/// let through but the validator rejects then becomes a violation of the value that names the
/// schema's problem, rather than a <see cref="TypeInitializationException"/>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SkillSchemaCheck
{
    private readonly string _schema;
    private JsonSchemaValidator? _validator;
    private string? _problem;

    /// <summary>Describes the check; nothing is compiled yet.</summary>
    /// <param name="schema">The whole schema document as JSON, so that references resolve.</param>
    /// <param name="pointer">The JSON Pointer of the part to check, empty for the whole schema.</param>
    public SkillSchemaCheck(string schema, string pointer)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(pointer);
        _schema = schema;
        Pointer = pointer;
    }

    /// <summary>The JSON Pointer of the checked part in the skill's schema.</summary>
    public string Pointer { get; }

    /// <summary>The compiled validator, or null with <paramref name="problem"/> when the schema part does not compile.</summary>
    internal JsonSchemaValidator? GetValidator(out string? problem)
    {
        if (_validator is null && _problem is null)
        {
            try
            {
                // Two threads may both compile; either result is the same immutable validator.
                Interlocked.CompareExchange(ref _validator, JsonSchemaValidator.CreateAt(_schema, Pointer), null);
            }
            catch (ArgumentException exception)
            {
                _problem = exception.Message;
            }
        }

        problem = _problem;
        return _validator;
    }
}
