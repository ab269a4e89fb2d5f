using System;
using System.CommandLine;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;
using static SkillRt.Cli.Commands.RegistryApiCommand;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt owner list|add|accept|remove|transfer|invitations</c>: a package's owners on a registry
/// (<c>api/v2/packages/{id}/owners</c>). Adding and transferring invite an owner; nothing changes until
/// a member of the invited owner runs <c>accept</c>.
/// </summary>
internal static class OwnerCommand
{
    public static Command Create() => new("owner", "List, invite, accept, remove and transfer a package's owners on a registry server.")
    {
        CreateList(),
        CreateInvite("add", "Invite an owner (user or organisation) to co-own a package; it is added once one of its members accepts.", "owners"),
        CreateAccept(),
        CreateRemove(),
        CreateInvite("transfer", "Offer a package to another owner; once one of its members accepts, it is the primary owner and yours is removed.", "transfer"),
        CreateInvitations(),
    };

    private static Command CreateList()
    {
        var id = new Argument<string>("id") { Description = "The package ID." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("list", "List a package's owners (primary first) and its pending invitations.") { id, source };
        format.AddTo(command);
        SetAction(command, async (parseResult, cancellationToken) =>
        {
            var (client, registry) = Connect(parseResult.GetValue(source));
            using (client)
            {
                var answer = await SendAsync(client, HttpMethod.Get, OwnersPath(parseResult.GetValue(id)!), null, cancellationToken).ConfigureAwait(false);
                var output = parseResult.InvocationConfiguration.Output;
                if (format.IsJson(parseResult))
                {
                    await WriteJsonAsync(output, registry, "package", answer).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var verified = Flag(answer, "verified") ? $" (verified prefix {Text(answer, "prefix")})" : "";
                await output.WriteLineAsync($"{Text(answer, "id")}{verified} on {registry}:").ConfigureAwait(false);
                var table = new TextTable("OWNER", "KIND", "ROLE");
                foreach (var owner in Items(answer, "owners"))
                {
                    table.Add(Text(owner, "name"), Text(owner, "kind"), Flag(owner, "primary") ? "primary" : "co-owner");
                }

                foreach (var invitation in Items(answer, "invitations"))
                {
                    table.Add(Text(invitation, "owner"), "", $"invited ({Kind(invitation)}, until {Date(invitation, "expiresAt")})");
                }

                await table.WriteAsync(output).ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CreateInvite(string name, string description, string route)
    {
        var id = new Argument<string>("id") { Description = "The package ID." };
        var owner = new Argument<string>("owner") { Description = "The user or organisation invited." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command(name, description) { id, owner, source };
        format.AddTo(command);
        SetAction(command, async (parseResult, cancellationToken) =>
        {
            var (client, registry) = Connect(parseResult.GetValue(source));
            using (client)
            {
                var packageId = parseResult.GetValue(id)!;
                var path = route == "owners" ? OwnersPath(packageId) : $"api/v2/packages/{Uri.EscapeDataString(packageId)}/transfer";
                var answer = await SendAsync(client, HttpMethod.Post, path, Body(("owner", parseResult.GetValue(owner))), cancellationToken).ConfigureAwait(false);
                var output = parseResult.InvocationConfiguration.Output;
                if (format.IsJson(parseResult))
                {
                    await WriteJsonAsync(output, registry, "invitation", answer).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                await output.WriteLineAsync(
                    $"Invited '{Text(answer, "owner")}' to {(route == "owners" ? "co-own" : "take over")} '{Text(answer, "packageId")}' on {registry} (until {Date(answer, "expiresAt")}); " +
                    $"nothing changes until one of its members runs 'skillrt owner accept {Text(answer, "packageId")} {Text(answer, "owner")}'.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CreateAccept()
    {
        var id = new Argument<string>("id") { Description = "The package ID." };
        var owner = new Argument<string?>("owner") { Description = "The invited owner you are a member of; by default the one invitation to the package for your owners.", Arity = ArgumentArity.ZeroOrOne };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("accept", "Accept an invitation to co-own or take over a package.") { id, owner, source };
        format.AddTo(command);
        SetAction(command, async (parseResult, cancellationToken) =>
        {
            var (client, registry) = Connect(parseResult.GetValue(source));
            using (client)
            {
                var packageId = parseResult.GetValue(id)!;
                var ownerName = parseResult.GetValue(owner);
                if (ownerName is null)
                {
                    var pending = await SendAsync(client, HttpMethod.Get, "api/v2/owners/invitations", null, cancellationToken).ConfigureAwait(false);
                    var mine = Items(pending).Where(i => string.Equals(Text(i, "packageId"), packageId, StringComparison.OrdinalIgnoreCase)).Select(i => Text(i, "owner")).ToList();
                    ownerName = mine.Count switch
                    {
                        1 => mine[0],
                        0 => throw new CliException(ExitCodes.NotFound, $"none of your owners has a pending invitation to '{packageId}' on {registry}; 'skillrt owner invitations' lists yours."),
                        _ => throw new CliException(ExitCodes.UsageError, $"several of your owners are invited to '{packageId}' ({string.Join(", ", mine)}); say which: 'skillrt owner accept {packageId} <owner>'."),
                    };
                }

                var answer = await SendAsync(client, HttpMethod.Post, $"{OwnersPath(packageId)}/{Uri.EscapeDataString(ownerName)}/accept", null, cancellationToken).ConfigureAwait(false);
                var output = parseResult.InvocationConfiguration.Output;
                if (format.IsJson(parseResult))
                {
                    await WriteJsonAsync(output, registry, "package", answer).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var owners = string.Join(", ", Items(answer, "owners").Select(o => Text(o, "name") + (Flag(o, "primary") ? " (primary)" : "")));
                await output.WriteLineAsync($"Accepted for '{ownerName}': '{Text(answer, "id")}' on {registry} is now owned by {owners}.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CreateRemove()
    {
        var id = new Argument<string>("id") { Description = "The package ID." };
        var owner = new Argument<string>("owner") { Description = "The co-owner to remove, or the owner whose pending invitation to withdraw or decline." };
        var source = SourceOption.Create();
        var command = new Command("remove", "Remove a co-owner, or withdraw or decline an invitation (the primary owner is never removed: transfer instead).") { id, owner, source };
        SetAction(command, async (parseResult, cancellationToken) =>
        {
            var (client, registry) = Connect(parseResult.GetValue(source));
            using (client)
            {
                var packageId = parseResult.GetValue(id)!;
                var ownerName = parseResult.GetValue(owner)!;
                await SendAsync(client, HttpMethod.Delete, $"{OwnersPath(packageId)}/{Uri.EscapeDataString(ownerName)}", null, cancellationToken).ConfigureAwait(false);
                await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Removed '{ownerName}' from '{packageId}' on {registry}.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CreateInvitations()
    {
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("invitations", "List pending invitations to your owners.") { source };
        format.AddTo(command);
        SetAction(command, async (parseResult, cancellationToken) =>
        {
            var (client, registry) = Connect(parseResult.GetValue(source));
            using (client)
            {
                var answer = await SendAsync(client, HttpMethod.Get, "api/v2/owners/invitations", null, cancellationToken).ConfigureAwait(false);
                var output = parseResult.InvocationConfiguration.Output;
                if (format.IsJson(parseResult))
                {
                    await WriteJsonAsync(output, registry, "invitations", answer).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var table = new TextTable("PACKAGE", "OWNER", "KIND", "FROM", "UNTIL");
                foreach (var invitation in Items(answer))
                {
                    table.Add(Text(invitation, "packageId"), Text(invitation, "owner"), Kind(invitation), Text(invitation, "from"), Date(invitation, "expiresAt"));
                }

                if (table.Count == 0)
                {
                    await output.WriteLineAsync($"No pending invitations for your owners on {registry}.").ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                await table.WriteAsync(output).ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static string OwnersPath(string id) => $"api/v2/packages/{Uri.EscapeDataString(id)}/owners";

    private static string Kind(JsonElement invitation) => Text(invitation, "kind") == "transfer" ? "transfer" : "co-owner";
}
