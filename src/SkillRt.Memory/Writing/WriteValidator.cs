using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using SkillRt.Memory.Kinds;

namespace SkillRt.Memory.Writing;

/// <summary>Checks a <see cref="MemoryWrite"/> before anything is stored: names, size, schema, tags, key, id, versions.</summary>
internal static class WriteValidator
{
    private const int MaxProvenanceLength = 256;

    public static ValidatedWrite Validate(MemoryWrite write, SkillMemoryOptions options, MemoryKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!MemoryNames.IsValidNamespace(write.Namespace))
        {
            throw new MemoryException(MemoryErrorCodes.InvalidNamespace, $"namespace '{write.Namespace}' is not valid. {MemoryNames.DescribeNamespaceRule()}");
        }

        if (!kinds.TryGetValidator(write.Kind ?? "", out var validator))
        {
            var known = string.Join(", ", kinds.Kinds.Select(k => k.Name));
            throw new MemoryException(MemoryErrorCodes.UnknownKind,
                $"kind '{write.Kind}' is not registered. Register it (a skill's frontmatter memory.kinds, or AddKind) or use one of: {(known.Length == 0 ? "(none registered)" : known)}.");
        }

        if (write.Value.ValueKind == JsonValueKind.Undefined)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidValue, "value is missing: give a JSON value (object, array, string, number, boolean or null).");
        }

        var valueJson = Compact(write.Value);
        var valueBytes = Encoding.UTF8.GetByteCount(valueJson);
        if (valueBytes > options.MaxValueBytes)
        {
            throw new MemoryException(MemoryErrorCodes.TooLarge,
                $"value is {valueBytes:N0} bytes of JSON; the limit is {options.MaxValueBytes:N0} (SkillMemoryOptions.MaxValueBytes). Store a summary, or split it into several memories.");
        }

        var violations = validator.Validate(write.Value);
        if (violations.Count > 0)
        {
            var errors = violations.Select(v => new MemoryError(v.InstanceLocation, v.Message)).ToArray();
            throw new MemoryException(MemoryErrorCodes.SchemaViolation,
                $"value does not match the schema of kind '{write.Kind}' ({errors.Length} problem{(errors.Length == 1 ? "" : "s")}): {string.Join("; ", errors.Take(5))}. Fix the value at each location.",
                errors);
        }

        var text = write.Text ?? TextForm.Derive(write.Value);
        if (write.Text is not null && string.IsNullOrWhiteSpace(write.Text))
        {
            throw new MemoryException(MemoryErrorCodes.InvalidValue, "text is empty: give the memory's text form, or leave it out to derive it from the value.");
        }

        var textBytes = Encoding.UTF8.GetByteCount(text);
        if (textBytes > options.MaxValueBytes)
        {
            throw new MemoryException(MemoryErrorCodes.TooLarge,
                $"text is {textBytes:N0} bytes; the limit is {options.MaxValueBytes:N0} (SkillMemoryOptions.MaxValueBytes). Give a shorter text form.");
        }

        var tags = write.Tags ?? [];
        if (tags.Count > options.MaxTags)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidTags, $"{tags.Count} tags given; at most {options.MaxTags} are allowed (SkillMemoryOptions.MaxTags).");
        }

        for (var i = 0; i < tags.Count; i++)
        {
            if (!MemoryNames.IsValidTag(tags[i], options.MaxTagLength))
            {
                throw new MemoryException(MemoryErrorCodes.InvalidTags,
                    $"tags[{i}] '{tags[i]}' is not a tag: use 1-{options.MaxTagLength} characters of lowercase a-z, 0-9, '-', '_', '.', ':', starting with a letter or digit.",
                    [new MemoryError($"tags[{i}]", "not a valid tag")]);
            }
        }

        if (write.Key is not null && !MemoryNames.IsValidKey(write.Key))
        {
            throw new MemoryException(MemoryErrorCodes.InvalidKey,
                $"key is not valid: use 1-{MemoryNames.MaxKeyLength} characters without control characters or leading/trailing white space.");
        }

        if (write.Id is not null && !MemoryIds.IsValid(write.Id))
        {
            throw new MemoryException(MemoryErrorCodes.InvalidKey, $"id '{write.Id}' is not a memory id (32 lowercase hexadecimal characters, as returned by a write).");
        }

        if (write.ExpectedVersion is < 0)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"expectedVersion {write.ExpectedVersion} is negative: give the version last read, or 0 for 'must not exist yet'.");
        }

        var policy = write.DuplicatePolicy ?? options.DuplicatePolicy;
        if (!Enum.IsDefined(policy))
        {
            throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"duplicatePolicy {(int)policy} is unknown: use Merge, KeepBoth or Reject.");
        }

        var provenance = write.Provenance ?? MemoryProvenance.None;
        foreach (var (field, value) in new[] { ("apiKeyId", provenance.ApiKeyId), ("skillName", provenance.SkillName), ("skillVersion", provenance.SkillVersion), ("client", provenance.Client) })
        {
            if (value is { Length: > MaxProvenanceLength })
            {
                throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"provenance.{field} is {value.Length} characters; use at most {MaxProvenanceLength}.");
            }
        }

        return new ValidatedWrite
        {
            Namespace = write.Namespace,
            Kind = write.Kind!,
            Key = write.Key,
            Id = write.Id,
            Value = write.Value.Clone(),
            ValueJson = valueJson,
            Text = text,
            Tags = tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            ContentHash = ContentHash.Compute(write.Kind!, write.Value, text),
            Provenance = provenance,
            ValidFrom = write.ValidFrom,
            ExpectedVersion = write.ExpectedVersion,
            Policy = policy,
        };
    }

    private static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
