using System;
using System.CommandLine;
using System.Net.Http;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt delete &lt;id&gt; &lt;version&gt; [--yes]</c>: deletes a version for good, which the registry
/// allows only soon after publishing and only while no other package depends on it; its number can never
/// be published again. Asks first on a terminal; without one, <c>--yes</c> is required.
/// </summary>
internal static class DeleteCommand
{
    public static Command Create()
    {
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask: delete at once (required when there is no terminal to ask on)." };
        var command = new PackageVersionCommand("delete", "Delete a package version for good (only soon after publishing, and only when nothing depends on it); its number can never be reused.");
        command.Command.Options.Add(yes);
        command.SetAction(async (parseResult, target, cancellationToken) =>
        {
            if (!parseResult.GetValue(yes))
            {
                if (Console.IsInputRedirected)
                {
                    throw new CliException(ExitCodes.UsageError, $"deleting {target.Id} {target.Version} cannot be undone; pass --yes to confirm (there is no terminal to ask on). To hide a version instead, use 'skillrt unlist', 'skillrt deprecate' or 'skillrt yank'.");
                }

                var error = parseResult.InvocationConfiguration.Error;
                await error.WriteAsync($"Delete {target.Id} {target.Version} for good? Its number can never be published again. Type the version to confirm: ").ConfigureAwait(false);
                var answer = Console.ReadLine()?.Trim();
                if (!string.Equals(answer, target.Version, StringComparison.OrdinalIgnoreCase))
                {
                    throw new CliException(ExitCodes.UsageError, $"not confirmed; {target.Id} {target.Version} was not deleted.");
                }
            }

            return await target.SendAsync(HttpMethod.Post, "/delete", null, "deleted", $"Deleted {target.Id} {target.Version} for good; its number can never be published again", cancellationToken).ConfigureAwait(false);
        });
        return command.Command;
    }
}
