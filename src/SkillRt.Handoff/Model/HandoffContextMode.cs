using System.Text.Json.Serialization;
using SkillRt.Handoff.Serialization;

namespace SkillRt.Handoff;

/// <summary>How much of the parent's conversation goes along with a handoff.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<HandoffContextMode>))]
public enum HandoffContextMode
{
    /// <summary>Nothing: the goal and input say it all.</summary>
    None,

    /// <summary>A summary the parent wrote.</summary>
    Summary,

    /// <summary>Selected messages of the conversation.</summary>
    Messages,

    /// <summary>The whole conversation.</summary>
    Full,
}
