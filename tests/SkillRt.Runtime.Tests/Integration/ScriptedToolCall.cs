namespace SkillRt.Runtime.Tests.Integration;

/// <summary>A tool call a scripted model reply asks for.</summary>
/// <param name="Id">The call's id, echoed back in the tool message that answers it.</param>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">The arguments as JSON text, as OpenAI sends them.</param>
public sealed record ScriptedToolCall(string Id, string Name, string Arguments);
