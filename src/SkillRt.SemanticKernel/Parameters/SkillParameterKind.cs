namespace SkillRt.SemanticKernel.Parameters;

/// <summary>
/// How to read back an argument Semantic Kernel turned into text. By default its OpenAI connector
/// passes every argument as a string (<c>3</c> becomes <c>"3"</c>, <c>true</c> <c>"True"</c>, an array its
/// JSON text); the parameter's declared type says what the model meant.
/// </summary>
internal enum SkillParameterKind
{
    /// <summary>A string: the text is the value.</summary>
    Text,

    /// <summary>A number or integer: the text is a JSON number.</summary>
    Number,

    /// <summary>A boolean: <c>true</c> or <c>false</c> in any letter case.</summary>
    Boolean,

    /// <summary>Anything else (objects, arrays, a <c>json</c> input without a type): the text is JSON.</summary>
    Json,
}
