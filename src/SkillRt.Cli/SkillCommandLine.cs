using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Commands;
using SkillRt.Cli.Commands.AgentDoc;

namespace SkillRt.Cli;

/// <summary>
/// Builds the <c>skill</c> command tree and turns every failure into one line on stderr and an exit
/// code from <see cref="ExitCodes"/>. Writers are injected so the tree also runs in-process.
/// </summary>
internal static class SkillCommandLine
{
    /// <summary><c>--verbose</c>, on every command: adds detail to errors (all diagnostics, stack traces of bugs), and the repairs of a run.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print more detail when something fails, and what each repair of a run sent back to the model.",
        Recursive = true,
    };

    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("SkillRt: validate, inspect, install and run SKILL.md agent skills.")
        {
            // In the order a newcomer meets them: check, inspect, manage the store, run, author.
            ValidateCommand.Create(),
            ScanCommand.Create(),
            InfoCommand.Create(),
            ListCommand.Create(),
            InstallCommand.Create(),
            OutdatedCommand.Create(),
            UpdateCommand.Create(),
            UninstallCommand.Create(),
            WhereCommand.Create(),
            RunCommand.Create(),
            EvalCommand.Create(),
            NewCommand.Create(),
            ExportCommand.Create(),
            ImportCommand.Create(),
            // The registry: sources and keys, search, publishing, and a server of one's own.
            LoginCommand.Create(),
            LogoutCommand.Create(),
            SourcesCommand.Create(),
            KeysCommand.Create(),
            NamespaceCommand.Create(),
            OwnerCommand.Create(),
            KeyCommand.Create(),
            SignCommand.Create(),
            SearchCommand.Create(),
            PublishCommand.Create(),
            VerifyCommand.Create(),
            UnlistCommand.Create(),
            RelistCommand.Create(),
            DeprecateCommand.Create(),
            YankCommand.Create(),
            UnyankCommand.Create(),
            DeleteCommand.Create(),
            AuditCommand.Create(),
            FindingsCommand.Create(),
            AppealCommand.Create(),
            ReportCommand.Create(),
            AdminCommand.Create(),
            ServeCommand.Create(),
            // Skills for agents (Claude Code, Cursor, Codex, Copilot) over MCP.
            Commands.Mcp.McpCommand.Create(),
            // Agent-readable API documentation: agent-doc.yaml (spec/AGENT-DOC-SPEC.md).
            AgentDocCommand.Create(),
            // Shared memory (spec/MEMORY-SPEC.md) in a local file.
            Commands.Memory.MemoryCommand.Create(),
            CompletionCommand.Create(),
        };
        root.Options.Add(Verbose);

        // Bare `skillrt` is someone finding their way in, not a mistake: it shows the help, as --help does (exit 0).
        if (args.Length == 0)
        {
            args = ["--help"];
        }

        // No response files: '@file' arguments belong to the commands (skillrt run --inputs @inputs.json).
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0 && !IsHelpRequest(args))
        {
            // System.CommandLine exits 1 on a parse error, which is the code for an invalid skill here.
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync("skillrt: " + parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'skillrt --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var verbose = parseResult.GetValue(Verbose);
        try
        {
            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            if (parseResult.CommandResult.Command.Name == ServeCommand.Name && parseResult.CommandResult.Parent is not System.CommandLine.Parsing.CommandResult { Command.Name: "mcp" })
            {
                // serve passes SIGINT/SIGTERM on to the server and returns its exit code once it has stopped,
                // however long that takes; the default would give up after 2 s and exit with 130/143.
                configuration.ProcessTerminationTimeout = null;
            }

            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException exception)
        {
            foreach (var line in exception.Diagnostics)
            {
                await error.WriteLineAsync(line).ConfigureAwait(false);
            }

            await error.WriteLineAsync("skillrt: " + exception.Message).ConfigureAwait(false);
            if (verbose && exception.Detail is not null)
            {
                await error.WriteLineAsync(exception.Detail).ConfigureAwait(false);
            }

            return exception.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("skillrt: cancelled.").ConfigureAwait(false);
            return 130;
        }
        catch (Exception exception)
        {
            // Not a user error: a bug in this command. Say so, and how to get the detail for a report.
            await error.WriteLineAsync($"skillrt: internal error: {exception.GetType().Name}: {exception.Message}").ConfigureAwait(false);
            await error.WriteLineAsync(verbose ? exception.ToString() : "Run the command again with --verbose and send that output to the SkillRt maintainers.").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    private static bool IsHelpRequest(string[] args) => args.Any(arg => arg is "-h" or "--help" or "-?");
}
