using System.Collections.Generic;

namespace SkillRt.Server.Identity;

/// <summary>The body of <c>POST /api/v1/keys</c>.</summary>
/// <param name="Name">What the key is for (1–200 characters).</param>
/// <param name="Scopes">The scopes; by default the scopes modules grant by default (the registry's publish and unlist) that the caller holds.</param>
/// <param name="Packages">Package ID patterns (<c>Contoso.*</c>); by default <c>*</c>.</param>
/// <param name="ExpiresInDays">Days until the key stops working, 1–3650; by default 365.</param>
internal sealed record ApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, IReadOnlyList<string>? Packages, int? ExpiresInDays);
