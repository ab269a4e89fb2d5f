using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;
using static SkillRt.Cli.Commands.ModerationCommandSupport;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt admin queue|release|remove|dismiss|suspend|unsuspend</c>: the registry's moderation queue
/// for administrators (<c>api/v2/admin/…</c>), with an administrator's stored key.
/// </summary>
internal static class AdminCommand
{
    public static Command Create() => new("admin", "Moderate a registry (administrators): the queue, release or remove versions, dismiss reports, suspend accounts.")
    {
        CreateQueue(),
        CreateVersionAction("release", "Release a quarantined version: it becomes installable and searchable; an open appeal is granted.", "A note for the author (optional).", reasonRequired: false),
        CreateVersionAction("remove", "Remove a version and its file for good; an open appeal is denied, reports on it are closed.", "Why (required; recorded).", reasonRequired: true),
        CreateDismiss(),
        CreateAccountAction("suspend", "Suspend an account: its keys are refused, with the reason, until it is unsuspended.", reasonRequired: true),
        CreateAccountAction("unsuspend", "Lift an account's suspension.", reasonRequired: false),
    };

    private static Command CreateQueue()
    {
        var take = new Option<int?>("--take") { Description = "The most entries of each kind to show (1–200); 50 by default." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("queue", "List quarantined versions, open appeals, open abuse reports and suspended accounts, oldest first.") { take, source };
        format.AddTo(command);
        SetAction(command, (parseResult, cancellationToken) => QueueAsync(parseResult.GetValue(take), parseResult.GetValue(source), format.IsJson(parseResult), parseResult.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static Command CreateVersionAction(string name, string description, string reasonDescription, bool reasonRequired)
    {
        var reference = new Argument<string>("package") { Description = "The version, as Contoso.Review@1.2.0." };
        var reason = new Option<string?>("--reason") { Description = reasonDescription, Required = reasonRequired };
        var source = SourceOption.Create();
        var command = new Command(name, description) { reference, reason, source };
        SetAction(command, (parseResult, cancellationToken) =>
        {
            var (id, version) = ParseReference(parseResult.GetValue(reference)!, versionOptional: false);
            return ActAsync(
                $"package/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(version!)}/{name}",
                parseResult.GetValue(reason),
                parseResult.GetValue(source),
                name == "release" ? $"Released {id} {version}: it is installable and searchable." : $"Removed {id} {version} and its file.",
                parseResult.InvocationConfiguration.Output,
                cancellationToken);
        });
        return command;
    }

    private static Command CreateDismiss()
    {
        var report = new Argument<string>("report") { Description = "The report's ID, as 'skillrt admin queue' shows it." };
        var reason = new Option<string?>("--reason") { Description = "A note on why (optional; recorded)." };
        var source = SourceOption.Create();
        var command = new Command("dismiss", "Close an abuse report without acting on the package.") { report, reason, source };
        SetAction(command, (parseResult, cancellationToken) => ActAsync(
            $"reports/{Uri.EscapeDataString(parseResult.GetValue(report)!)}/dismiss",
            parseResult.GetValue(reason),
            parseResult.GetValue(source),
            $"Dismissed the report {parseResult.GetValue(report)}.",
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
        return command;
    }

    private static Command CreateAccountAction(string name, string description, bool reasonRequired)
    {
        var account = new Argument<string>("account") { Description = "The account's name." };
        var reason = new Option<string?>("--reason") { Description = reasonRequired ? "Why (required); shown to the account when its key is refused." : "A note (optional).", Required = reasonRequired };
        var source = SourceOption.Create();
        var command = new Command(name, description) { account, reason, source };
        SetAction(command, (parseResult, cancellationToken) => ActAsync(
            $"accounts/{Uri.EscapeDataString(parseResult.GetValue(account)!)}/{name}",
            parseResult.GetValue(reason),
            parseResult.GetValue(source),
            name == "suspend" ? $"Suspended the account {parseResult.GetValue(account)}: its keys are refused." : $"Lifted the suspension of {parseResult.GetValue(account)}.",
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
        return command;
    }

    private static async Task<int> ActAsync(string action, string? reason, string? sourceName, string done, TextWriter output, CancellationToken cancellationToken)
    {
        var (client, source) = Connect(sourceName);
        using (client)
        {
            var body = ConfigJson.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("reason", reason);
                writer.WriteEndObject();
            });
            using var _ = await client.SendAsync(HttpMethod.Post, client.Api("api/v2/admin/" + action), body, AdminHint, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"{done} ({source})").ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    private static async Task<int> QueueAsync(int? take, string? sourceName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var (client, source) = Connect(sourceName);
        using (client)
        {
            var query = take is { } t ? "?take=" + t.ToString(CultureInfo.InvariantCulture) : "";
            using var answer = await client.GetJsonAsync(client.Api("api/v2/admin/queue" + query), cancellationToken, AdminHint).ConfigureAwait(false)
                ?? throw Empty(source, "the admin queue");
            var root = answer.RootElement;
            if (json)
            {
                await WriteJsonAsync(output, root).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"Quarantined versions on {source}: {Number(root, "quarantinedTotal")}").ConfigureAwait(false);
            foreach (var version in Array(root, "quarantined"))
            {
                var appeal = version.TryGetProperty("appeal", out var a) && a.ValueKind == JsonValueKind.Object ? $"; appeal by {Text(a, "account")}: {Text(a, "text")}" : "";
                await output.WriteLineAsync($"  {Text(version, "id")}@{Text(version, "version")} (owner {Text(version, "owner")}){appeal}").ConfigureAwait(false);
                foreach (var finding in Array(version, "findings"))
                {
                    await WriteFindingAsync(output, finding, "    ").ConfigureAwait(false);
                }
            }

            await output.WriteLineAsync($"Open appeals: {Number(root, "appealsTotal")}").ConfigureAwait(false);
            foreach (var appeal in Array(root, "appeals"))
            {
                await output.WriteLineAsync($"  {Text(appeal, "id")}@{Text(appeal, "version")} by {Text(appeal, "account")}: {Text(appeal, "text")}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"Open abuse reports: {Number(root, "reportsTotal")}").ConfigureAwait(false);
            foreach (var report in Array(root, "reports"))
            {
                var what = Text(report, "version") is { } v ? $"{Text(report, "id")}@{v}" : Text(report, "id");
                await output.WriteLineAsync($"  {Text(report, "reportId")} {what} [{Text(report, "category")}] by {Text(report, "reporter")}: {Text(report, "text")}").ConfigureAwait(false);
            }

            await output.WriteLineAsync("Suspended accounts:").ConfigureAwait(false);
            foreach (var account in Array(root, "suspended"))
            {
                await output.WriteLineAsync($"  {Text(account, "account")}: {Text(account, "reason")}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
    }

    private static string? AdminHint(System.Net.HttpStatusCode status) =>
        status == System.Net.HttpStatusCode.Forbidden ? "the moderation queue needs an administrator's key with the 'admin' scope ('skillrt login' with it)" : null;
}
