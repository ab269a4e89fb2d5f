using System;

namespace SkillRt.Server.Storage;

/// <summary>A module's database context, as the start-up migration sees it.</summary>
/// <param name="ContextType">The type code asks for (the engine-neutral base).</param>
/// <param name="ModuleName">The module's name, which prefixes its tables and its migration history.</param>
internal sealed record ServerDbContextRegistration(Type ContextType, string ModuleName);
