using System;

namespace SkillRt.AgentDoc;

/// <summary>A tool argument that is missing or of the wrong type; its message names the argument and what to pass.</summary>
internal sealed class ToolArgumentException(string message) : Exception(message);
