using System;

namespace SkillRt.Memory;

/// <summary>A memory tool call the skill may not make, or made wrongly; its message goes back to the model.</summary>
internal sealed class MemoryToolException(string message) : Exception(message);
