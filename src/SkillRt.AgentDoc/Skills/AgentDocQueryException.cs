using System;

namespace SkillRt.AgentDoc;

/// <summary>A doc tool's error answer in a skill run: its message says what exists and what to ask instead.</summary>
internal sealed class AgentDocQueryException(string message) : Exception(message);
