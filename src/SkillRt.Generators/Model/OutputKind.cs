namespace SkillRt.Generators;

/// <summary>How a skill's raw output becomes its typed output.</summary>
internal enum OutputKind
{
    /// <summary>The text itself, as a string.</summary>
    Text,

    /// <summary>JSON, read by the generated reader for the output type.</summary>
    Json,

    /// <summary>A path to a file the skill wrote.</summary>
    File,
}
