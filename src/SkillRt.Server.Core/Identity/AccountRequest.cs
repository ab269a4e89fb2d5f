namespace SkillRt.Server.Identity;

/// <summary>The body of <c>POST /api/v1/accounts</c> (administrators) and <c>POST /api/v1/organizations</c>.</summary>
/// <param name="Name">The account's or organisation's name.</param>
/// <param name="Administrator">For an account: whether it is an administrator of the server; for a member: of the organisation.</param>
internal sealed record AccountRequest(string? Name, bool? Administrator);
