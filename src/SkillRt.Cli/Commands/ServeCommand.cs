using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Serving;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt serve [--port N] [--data-dir D] [--urls …]</c>: runs the SkillRt server program
/// (<see cref="ServerProgram"/>) with <c>dotnet</c>, so the CLI never links ASP.NET Core. The server
/// writes to this terminal directly (its URL, its first administrator key); SIGINT and SIGTERM are
/// passed on to it, and its exit code is this command's. With no options it listens where its
/// appsettings.json says (127.0.0.1:5480) and keeps its data in its own default folder.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The command's name; <see cref="SkillCommandLine"/> lets it wait for the server however long its shutdown takes.</summary>
    public const string Name = "serve";

    private static readonly PosixSignal[] ForwardedSignals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP];

    public static Command Create()
    {
        var port = new Option<int?>("--port", "-p") { Description = "The port on 127.0.0.1 (0 picks a free one); by default 5480." };
        var dataDirectory = new Option<string?>("--data-dir")
        {
            Description = "The folder for the database and package files; by default $XDG_DATA_HOME/skillrt/server (~/.local/share/skillrt/server).",
        };
        var urls = new Option<string?>("--urls")
        {
            Description = "The addresses to listen on, separated by ';' (http://0.0.0.0:5480 to listen on every interface); instead of --port.",
        };
        var command = new Command(Name, "Run a SkillRt registry server here: SQLite and a package folder under one data directory, no setup.")
        {
            port,
            dataDirectory,
            urls,
        };
        command.SetAction((parseResult, _) => RunAsync(
            parseResult.GetValue(port),
            parseResult.GetValue(dataDirectory),
            parseResult.GetValue(urls),
            parseResult.GetValue(SkillCommandLine.Verbose),
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(int? port, string? dataDirectory, string? urls, bool verbose, TextWriter error)
    {
        if (port is not null && urls is not null)
        {
            throw new CliException(ExitCodes.UsageError, "--port and --urls both say where to listen; pass one of them.");
        }

        if (port is < 0 or > 65535)
        {
            throw new CliException(ExitCodes.UsageError, $"--port {port}: a port is 0–65535 (0 picks a free one).");
        }

        var program = ServerProgram.Locate();
        var start = new ProcessStartInfo(ServerProgram.LocateDotnet()) { UseShellExecute = false };
        start.ArgumentList.Add(program);
        if (port is { } number)
        {
            start.ArgumentList.Add("--urls=http://127.0.0.1:" + number.ToString(CultureInfo.InvariantCulture));
        }
        else if (urls is not null)
        {
            start.ArgumentList.Add("--urls=" + urls);
        }

        if (dataDirectory is not null)
        {
            start.ArgumentList.Add("--SkillRt:DataDirectory=" + Path.GetFullPath(dataDirectory));
        }

        if (verbose)
        {
            await error.WriteLineAsync($"skillrt: starting {start.FileName} {string.Join(' ', start.ArgumentList)}").ConfigureAwait(false);
        }

        // Standard streams are inherited: the server's own lines (URL, first key) reach the user unchanged, as it prints them.
        using var server = Process.Start(start) ?? throw new CliException(ExitCodes.InternalError, $"cannot start '{start.FileName}'.");

        // A terminal's Ctrl+C reaches the server already (same process group); a SIGTERM from a service
        // manager or `kill` reaches only this process. Either way the server gets the signal and stops
        // gracefully, and this process waits for it rather than exiting first.
        var registrations = new PosixSignalRegistration[ForwardedSignals.Length];
        for (var i = 0; i < ForwardedSignals.Length; i++)
        {
            registrations[i] = PosixSignalRegistration.Create(ForwardedSignals[i], context =>
            {
                context.Cancel = true;
                UnixSignal.Send(server.Id, context.Signal);
            });
        }

        try
        {
            // Not cancellable: a stop goes through the server's own shutdown, and its exit code is the answer.
            await server.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }

        return server.ExitCode;
    }
}
