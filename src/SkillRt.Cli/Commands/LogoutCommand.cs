using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt logout [&lt;name|url&gt;]</c>: forgets the key stored for a source (the default one when
/// none is named). The source stays configured, for reads; the key itself keeps working on the server
/// until it is revoked, which the message says.
/// </summary>
internal static class LogoutCommand
{
    public static Command Create()
    {
        var source = new Argument<string?>("source")
        {
            Description = "The source's name or URL; by default the default source.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("logout", "Remove the API key stored for a registry source.") { source };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult.GetValue(source), parseResult.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? nameOrUrl, TextWriter output, CancellationToken cancellationToken)
    {
        var source = SkillRtConfig.Load().Resolve(nameOrUrl);
        var (removed, path) = await SkillRtConfig.UpdateAsync((_, credentials) => (credentials.Remove(source), credentials.Path), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(removed
            ? $"Removed the key for {source} from '{path}'. The key still works on the server until it is revoked ('skillrt keys revoke <id>' with another key)."
            : $"No key was stored for {source}; nothing to remove.").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
