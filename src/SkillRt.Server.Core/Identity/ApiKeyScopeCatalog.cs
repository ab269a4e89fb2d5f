using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Server.Identity;

/// <summary>Every scope the server's modules registered; a key can only be given these.</summary>
internal sealed class ApiKeyScopeCatalog(IEnumerable<ApiKeyScope> scopes)
{
    public IReadOnlyList<ApiKeyScope> All { get; } = scopes.DistinctBy(s => s.Name).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Default => All.Where(s => s.GrantedByDefault).Select(s => s.Name).ToArray();

    public bool IsKnown(string name) => All.Any(s => s.Name == name);
}
