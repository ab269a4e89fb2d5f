using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text.Json;
using SkillRt.Schemas;

namespace SkillRt.Memory.Kinds;

/// <summary>The kinds and their compiled validators; compiled once at registration, used by every write.</summary>
internal sealed class MemoryKindRegistry : IMemoryKindRegistry
{
    private readonly ConcurrentDictionary<string, RegisteredKind> _kinds = new(StringComparer.Ordinal);

    public IReadOnlyList<MemoryKind> Kinds => _kinds.Values.Select(k => k.Kind).OrderBy(k => k.Name, StringComparer.Ordinal).ToArray();

    public void Register(MemoryKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!MemoryNames.IsValidKind(kind.Name))
        {
            throw new MemoryException(MemoryErrorCodes.InvalidKind,
                $"'{kind.Name}' is not a valid kind name. Use 1-64 characters of lowercase a-z, 0-9 and single hyphens, not starting or ending with a hyphen (like a skill name).");
        }

        JsonSchemaValidator validator;
        string canonicalSchema;
        try
        {
            validator = JsonSchemaValidator.Create(kind.Schema);
            using var document = JsonDocument.Parse(kind.Schema);
            canonicalSchema = CanonicalJson.Write(document.RootElement);
        }
        catch (ArgumentException exception)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidKind,
                $"The schema of kind '{kind.Name}' is not a usable JSON Schema: {exception.Message} Fix the schema (draft 2020-12).", innerException: exception);
        }

        var registered = new RegisteredKind(kind, validator, canonicalSchema);
        var existing = _kinds.GetOrAdd(kind.Name, registered);
        if (!ReferenceEquals(existing, registered) && existing.CanonicalSchema != canonicalSchema)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidKind,
                $"Kind '{kind.Name}' is already registered with another schema. Give the new kind another name, or make both declarations use the same schema.");
        }
    }

    public bool TryGet(string name, [NotNullWhen(true)] out MemoryKind? kind)
    {
        if (_kinds.TryGetValue(name, out var registered))
        {
            kind = registered.Kind;
            return true;
        }

        kind = null;
        return false;
    }

    /// <summary>The validator of a registered kind.</summary>
    public bool TryGetValidator(string name, [NotNullWhen(true)] out JsonSchemaValidator? validator)
    {
        if (_kinds.TryGetValue(name, out var registered))
        {
            validator = registered.Validator;
            return true;
        }

        validator = null;
        return false;
    }

    private sealed record RegisteredKind(MemoryKind Kind, JsonSchemaValidator Validator, string CanonicalSchema);
}
