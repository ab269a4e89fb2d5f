using System;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;
using static SkillRt.Cli.Commands.RegistryApiCommand;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt namespace list|reserve|release|verify</c>: reserved package ID prefixes on a registry
/// (<c>api/v2/namespaces</c>). Administrators reserve any prefix; owners claim one by publishing a DNS
/// TXT record on their domain, which <c>verify</c> prints and then checks.
/// </summary>
internal static class NamespaceCommand
{
    public static Command Create() => new("namespace", "Reserve, verify and list package ID prefixes (Contoso.*) on a registry server.")
    {
        CreateList(),
        CreateReserve(),
        CreateRelease(),
        CreateVerify(),
    };

    private static Command CreateList()
    {
        var owner = new Option<string?>("--owner") { Description = "Only this owner's (user or organisation) prefixes." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("list", "List reserved prefixes: prefix, owner, and whether a domain verified it.") { owner, source };
        format.AddTo(command);
        SetAction(command, async (parseResult, cancellationToken) =>
        {
            var (client, registry) = Connect(parseResult.GetValue(source));
            using (client)
            {
                var ownerName = parseResult.GetValue(owner);
                var path = "api/v2/namespaces" + (ownerName is null ? "" : "?owner=" + Uri.EscapeDataString(ownerName));
                var answer = await SendAsync(client, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
                var output = parseResult.InvocationConfiguration.Output;
                if (format.IsJson(parseResult))
                {
                    await WriteJsonAsync(output, registry, "namespaces", answer).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var table = new TextTable("PREFIX", "OWNER", "VERIFIED", "RESERVED");
                foreach (var item in Items(answer))
                {
                    table.Add(Text(item, "prefix"), Text(item, "owner"), Flag(item, "verified") ? "yes (" + Text(item, "domain") + ")" : "no", Date(item, "reservedAt"));
                }

                if (table.Count == 0)
                {
                    await output.WriteLineAsync($"No reserved prefixes on {registry}.").ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                await table.WriteAsync(output).ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CreateReserve()
    {
        var prefix = new Argument<string>("prefix") { Description = "The prefix, ending in '.' (Contoso. reserves Contoso.* and Contoso)." };
        var owner = new Option<string>("--owner") { Description = "The user or organisation it is reserved for.", Required = true };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("reserve", "Reserve a prefix for an owner (administrators; others use 'namespace verify').") { prefix, owner, source };
        format.AddTo(command);
        SetAction(command, async (parseResult, cancellationToken) =>
        {
            var (client, registry) = Connect(parseResult.GetValue(source));
            using (client)
            {
                var answer = await SendAsync(client, HttpMethod.Post, "api/v2/namespaces", Body(("prefix", parseResult.GetValue(prefix)), ("owner", parseResult.GetValue(owner))), cancellationToken).ConfigureAwait(false);
                var output = parseResult.InvocationConfiguration.Output;
                if (format.IsJson(parseResult))
                {
                    await WriteJsonAsync(output, registry, "namespace", answer).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                await output.WriteLineAsync($"Reserved '{Text(answer, "prefix")}' for '{Text(answer, "owner")}' on {registry}: only its members publish new IDs under it; existing packages keep their owners.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CreateRelease()
    {
        var prefix = new Argument<string>("prefix") { Description = "The reserved prefix, as 'skillrt namespace list' shows it." };
        var source = SourceOption.Create();
        var command = new Command("release", "Release a reserved prefix (its owner's members or administrators); packages under it keep their owners.") { prefix, source };
        SetAction(command, async (parseResult, cancellationToken) =>
        {
            var (client, registry) = Connect(parseResult.GetValue(source));
            using (client)
            {
                var value = parseResult.GetValue(prefix)!;
                await SendAsync(client, HttpMethod.Delete, "api/v2/namespaces/" + Uri.EscapeDataString(value), null, cancellationToken).ConfigureAwait(false);
                await parseResult.InvocationConfiguration.Output.WriteLineAsync($"Released '{value}' on {registry}.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CreateVerify()
    {
        var prefix = new Argument<string>("prefix") { Description = "The prefix to claim, ending in '.', whose first part is the domain's name (Contoso. for contoso.com)." };
        var domain = new Option<string>("--domain") { Description = "The domain the owner holds, such as contoso.com (not a subdomain).", Required = true };
        var owner = new Option<string?>("--owner") { Description = "The user or organisation that claims it; by default your own user." };
        var noCheck = new Option<bool>("--no-check") { Description = "Only print the TXT record to publish; do not look it up yet." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("verify", "Claim a prefix through your domain: prints the DNS TXT record to publish, then checks it (run it again once the record is published).") { prefix, domain, owner, noCheck, source };
        format.AddTo(command);
        SetAction(command, (parseResult, cancellationToken) => VerifyAsync(
            parseResult.GetValue(prefix)!, parseResult.GetValue(domain)!, parseResult.GetValue(owner), parseResult.GetValue(noCheck),
            parseResult.GetValue(source), format.IsJson(parseResult), parseResult.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static async Task<int> VerifyAsync(string prefix, string domain, string? owner, bool noCheck, string? sourceName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var (client, registry) = Connect(sourceName);
        using (client)
        {
            // The server gives the same token while it is valid, so running this again checks the same record.
            var started = await SendAsync(client, HttpMethod.Post, "api/v2/namespaces/verifications", Body(("prefix", prefix), ("domain", domain), ("owner", owner)), cancellationToken).ConfigureAwait(false);
            var record = $"{Text(started, "recordName")} TXT \"{Text(started, "recordValue")}\"";
            if (noCheck)
            {
                if (json)
                {
                    await WriteJsonAsync(output, registry, "verification", started).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                await output.WriteLineAsync($"To claim '{Text(started, "prefix")}' for '{Text(started, "owner")}', publish this DNS record (the token is accepted until {Date(started, "expiresAt")}):").ConfigureAwait(false);
                await output.WriteLineAsync("  " + record).ConfigureAwait(false);
                await output.WriteLineAsync($"Then run 'skillrt namespace verify {prefix} --domain {domain}' again to check it.").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (!json)
            {
                await output.WriteLineAsync($"Checking {record} ...").ConfigureAwait(false);
            }

            var verified = await SendAsync(client, HttpMethod.Post, $"api/v2/namespaces/verifications/{Text(started, "id")}/check", null, cancellationToken).ConfigureAwait(false);
            if (json)
            {
                await WriteJsonAsync(output, registry, "namespace", verified).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"Verified: '{Text(verified, "prefix")}' is reserved for '{Text(verified, "owner")}' through {Text(verified, "domain")} on {registry}; its packages show as verified. You may remove the TXT record.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }
}
