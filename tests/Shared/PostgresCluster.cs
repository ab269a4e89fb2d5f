using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace SkillRt.Tests;

/// <summary>
/// The PostgreSQL server of the scale-out test tier, one per test process: the server named by
/// <c>SKILLRT_TEST_POSTGRES</c> (a connection string; .ci/run starts one for the whole run), or else a
/// throw-away cluster this class starts in a temporary folder on a free loopback port, with fsync off,
/// and removes when the process exits. Test classes each take a fresh database on it
/// (<see cref="CreateDatabaseAsync"/>), so they neither wait for a cluster of their own nor see each other's rows.
/// </summary>
internal sealed class PostgresCluster
{
    /// <summary>The environment variable that names an existing server instead of starting one.</summary>
    public const string EnvironmentVariable = "SKILLRT_TEST_POSTGRES";

    private const string InstallHint = "apt-get install -y postgresql postgresql-contrib";

    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartOrConnectAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresCluster(string connectionString)
    {
        ConnectionString = connectionString;
    }

    /// <summary>A connection string of the cluster's maintenance database, as a superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>The process's cluster, started by the first caller; a cluster that cannot start fails every caller with the reason.</summary>
    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database with a random name; disposing it drops it.</summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "skillrt_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return new PostgresDatabase(name, builder.ConnectionString, ConnectionString);
    }

    private static async Task<PostgresCluster> StartOrConnectAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresCluster(configured);
        }

        if (OperatingSystem.IsWindows())
        {
            throw new InvalidOperationException($"The PostgreSQL test tier starts a throw-away cluster on Linux only; on Windows set {EnvironmentVariable} to the connection string of a server you run.");
        }

        var bin = FindBinDirectory();
        var asRoot = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("skillrt-pg-").FullName;
        try
        {
            if (asRoot)
            {
                // PostgreSQL refuses to run as root; its files must belong to the postgres user, in a folder it can reach.
                var (chownExit, chownOutput) = await ExternalCommand.RunAsync("chown", ["postgres:postgres", folder]);
                if (chownExit != 0)
                {
                    throw new InvalidOperationException($"The PostgreSQL test cluster runs as the 'postgres' user, which {InstallHint} creates; chown of {folder} failed: {chownOutput}");
                }
            }

            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var data = Path.Combine(folder, "data");
            await RunAsync(asRoot, Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);

            // The port is free when picked and taken by the server moments later; another process can
            // take it in between, so a start that fails is retried on another port.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
                var (exit, output) = await ExternalCommand.RunAsync(
                    asRoot ? "runuser" : Path.Combine(bin, "pg_ctl"),
                    Arguments(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "postgres.log"), "-w", "-t", "60", "-o", options, "start"]));
                if (exit == 0)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(asRoot, bin, folder);
                    return new PostgresCluster($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
                }

                if (attempt == 3)
                {
                    var log = File.Exists(Path.Combine(folder, "postgres.log")) ? File.ReadAllText(Path.Combine(folder, "postgres.log")) : "";
                    throw new InvalidOperationException($"The PostgreSQL test cluster in {folder} did not start (pg_ctl exit code {exit}): {output}\n{log}");
                }
            }
        }
        catch
        {
            Stop(asRoot, bin, folder);
            throw;
        }
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(version => Path.Combine(version, "bin"))
                .Where(candidate => File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
                .OrderByDescending(candidate => int.TryParse(Path.GetFileName(Path.GetDirectoryName(candidate)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"The PostgreSQL test tier needs PostgreSQL's initdb and pg_ctl in {root}/<version>/bin, and none was found. "
            + $"Install PostgreSQL with `{InstallHint}` (as root), or set {EnvironmentVariable} to the connection string of a server you run "
            + "(for example Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres).");
    }

    private static async Task RunAsync(bool asRoot, string program, string[] arguments)
    {
        var (exit, output) = await ExternalCommand.RunAsync(asRoot ? "runuser" : program, Arguments(asRoot, program, arguments));
        if (exit != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed for the PostgreSQL test cluster (exit code {exit}): {output}");
        }
    }

    private static IEnumerable<string> Arguments(bool asRoot, string program, string[] arguments) =>
        asRoot ? ["-u", "postgres", "--", program, .. arguments] : arguments;

    private static void Stop(bool asRoot, string bin, string folder)
    {
        var data = Path.Combine(folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            // Immediate: nothing in a throw-away cluster needs a clean shutdown, and the process is exiting.
            var pgCtl = Path.Combine(bin, "pg_ctl");
            ExternalCommand.RunAsync(asRoot ? "runuser" : pgCtl, Arguments(asRoot, pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"])).GetAwaiter().GetResult();
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
