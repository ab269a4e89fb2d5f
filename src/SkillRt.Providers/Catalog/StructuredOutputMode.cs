namespace SkillRt.Providers;

/// <summary>How a model is asked for JSON that satisfies a schema (<c>structured-output:</c> in models.yaml).</summary>
public enum StructuredOutputMode
{
    /// <summary><c>native</c>: the provider's own JSON-schema mode, which constrains the model's answer.</summary>
    Native,

    /// <summary>
    /// <c>prompt</c>: the schema goes into the instructions and the answer is left free; SkillRt's runner then
    /// validates it and asks for a repair. For servers without a JSON-schema mode.
    /// </summary>
    Prompt,
}
