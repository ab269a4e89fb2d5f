namespace SkillRt.Memory.Querying;

/// <summary>
/// An agent's cost of a hit, without a tokenizer: about 4 characters a token (the usual ratio for
/// English and JSON in GPT-style BPE vocabularies), over what a hit shows — the value's JSON, the
/// text form, key, kind, namespace, tags — plus a fixed 24 tokens for ids, times and field names.
/// </summary>
internal static class TokenEstimate
{
    private const int FixedOverhead = 24;

    public static int Of(MemoryRecord memory, string valueJson)
    {
        var characters = valueJson.Length + memory.Text.Length + (memory.Key?.Length ?? 0) + memory.Kind.Length + memory.Namespace.Length;
        foreach (var tag in memory.Tags)
        {
            characters += tag.Length + 3;
        }

        return FixedOverhead + (characters + 3) / 4;
    }
}
