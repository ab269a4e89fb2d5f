using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SkillRt.Sandboxing;

/// <summary>
/// Builds the bubblewrap command line that confines one process: new namespaces, a read-only view
/// of the system, a private <c>/tmp</c>, and only the skill's folder and the paths its filesystem
/// rules reach, each at its own path.
/// </summary>
internal static class BubblewrapArguments
{
    /// <summary>The loopback port inside the sandbox where the bridge to the proxy listens.</summary>
    /// <remarks>The sandbox has a network namespace of its own, so the port is always free there.</remarks>
    public const int BridgePort = 3128;

    /// <summary>What the bridge's start-up script prints before it gives up; the sandbox reports it as a sandbox failure.</summary>
    public const string BridgeFailure = "skillrt-sandbox:";

    /// <summary>The system folders shown read-only, when they exist: programs, libraries and configuration, no user data.</summary>
    public static readonly IReadOnlyList<string> SystemPaths = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt"];

    // Started by /bin/sh inside the sandbox: socat listens on loopback and forwards to the proxy's
    // socket; the script waits until the port is listening (so the program's first request cannot
    // race the bridge), then becomes the program. Arguments: socat, port, port in hex, socket, program...
    private const string BridgeScript =
        """
        socat=$1 port=$2 hex=$3 socket=$4
        shift 4
        "$socat" TCP-LISTEN:"$port",bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:"$socket" </dev/null >/dev/null 2>&1 &
        tries=0
        until grep -q "^ *[0-9]*: 0100007F:$hex 00000000:0000 0A" /proc/net/tcp 2>/dev/null; do
          tries=$((tries + 1))
          if [ "$tries" -gt 500 ]; then
            echo "skillrt-sandbox: the network bridge (socat) did not start listening on 127.0.0.1:$port" >&2
            exit 125
          fi
          sleep 0.01
        done
        exec "$@"
        """;

    private enum Kind
    {
        ReadOnlyBind,
        Bind,
        PrivateTemp,
        Symlink,
        Directory,
    }

    /// <summary>The arguments to pass to <c>bwrap</c>.</summary>
    public static List<string> Build(SandboxLayout layout)
    {
        var entries = new List<Entry>();
        foreach (var path in SystemPaths)
        {
            var info = new DirectoryInfo(path);
            if (info.LinkTarget is { } target)
            {
                // Merged-/usr systems link /bin to usr/bin; the same link inside keeps #! lines working.
                entries.Add(new Entry(path, Kind.Symlink, target));
            }
            else if (info.Exists)
            {
                entries.Add(new Entry(path, Kind.ReadOnlyBind));
            }
        }

        entries.Add(new Entry("/tmp", Kind.PrivateTemp, layout.PrivateTemp));
        if (layout.SkillDirectory is { } skillDirectory)
        {
            entries.Add(new Entry(Normalize(skillDirectory), Kind.ReadOnlyBind));
        }

        foreach (var mount in layout.Mounts)
        {
            entries.Add(new Entry(Normalize(mount.Path), mount.Writable ? Kind.Bind : Kind.ReadOnlyBind));
        }

        // The program (a pyenv shim, a tool under /root/.dotnet) and socat may live outside the system
        // folders; their folders are shown read-only so they can start.
        string[] programs = layout.Socat is { } socat ? [layout.Program, socat] : [layout.Program];
        foreach (var program in programs)
        {
            foreach (var folder in ProgramFolders(program))
            {
                if (!IsShown(entries, folder))
                {
                    entries.Add(new Entry(folder, Kind.ReadOnlyBind));
                }
            }
        }

        // The working folder is not shown unless a rule reaches it: "anything not listed is denied"
        // covers the files there too. An empty folder at its path lets the process start in it.
        var workingDirectory = Normalize(layout.WorkingDirectory);
        if (!IsShown(entries, workingDirectory))
        {
            entries.Add(new Entry(workingDirectory, Kind.Directory));
        }

        var arguments = new List<string> { "--unshare-all" };
        if (layout.Network == SandboxNetwork.Host)
        {
            arguments.Add("--share-net");
        }

        arguments.AddRange(["--die-with-parent", "--new-session"]);

        // Parents before children, so a deeper mount (a read-write folder inside a read-only one, the
        // skill's folder inside the working folder) is mounted over its parent and wins for its subtree.
        foreach (var entry in Merge(entries).OrderBy(entry => Depth(entry.Path)).ThenBy(entry => entry.Path, StringComparer.Ordinal))
        {
            switch (entry.Kind)
            {
                case Kind.Symlink:
                    arguments.AddRange(["--symlink", entry.Source!, entry.Path]);
                    break;
                case Kind.Directory:
                    arguments.AddRange(["--dir", entry.Path]);
                    break;
                case Kind.PrivateTemp:
                    arguments.AddRange(["--bind", entry.Source!, entry.Path]);
                    break;
                default:
                    arguments.AddRange([entry.Kind == Kind.Bind ? "--bind" : "--ro-bind", entry.Path, entry.Path]);
                    break;
            }
        }

        arguments.AddRange(["--proc", "/proc", "--dev", "/dev", "--chdir", workingDirectory]);
        foreach (var (name, value) in layout.FixedEnvironment.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            arguments.AddRange(["--setenv", name, value]);
        }

        arguments.Add("--");
        if (layout.Network == SandboxNetwork.Proxy)
        {
            var socket = "/tmp/" + Path.GetFileName(layout.ProxySocket!);
            arguments.AddRange(["/bin/sh", "-c", BridgeScript.ReplaceLineEndings("\n"), "skillrt-bridge",
                layout.Socat!, BridgePort.ToString(CultureInfo.InvariantCulture), BridgePort.ToString("X4", CultureInfo.InvariantCulture), socket]);
        }

        arguments.Add(layout.Program);
        arguments.AddRange(layout.Arguments);
        return arguments;
    }

    /// <summary>The program's folder and, when it is a link, the folder of the file it links to.</summary>
    private static IEnumerable<string> ProgramFolders(string program)
    {
        yield return Path.GetDirectoryName(program)!;
        if (new FileInfo(program).ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            yield return Path.GetDirectoryName(target.FullName)!;
        }
    }

    /// <summary>Whether the host's <paramref name="path"/> is visible inside: a same-path bind of it or of a parent.</summary>
    private static bool IsShown(List<Entry> entries, string path) =>
        entries.Any(entry => entry.Kind is Kind.ReadOnlyBind or Kind.Bind && IsSameOrInside(path, entry.Path));

    /// <summary>One entry per path: a read-write rule wins over a read-only view of the same path.</summary>
    private static IEnumerable<Entry> Merge(List<Entry> entries) =>
        entries.GroupBy(entry => entry.Path, StringComparer.Ordinal).Select(group =>
            group.FirstOrDefault(entry => entry.Kind is Kind.Symlink or Kind.PrivateTemp)
            ?? group.FirstOrDefault(entry => entry.Kind == Kind.Bind)
            ?? group.FirstOrDefault(entry => entry.Kind == Kind.ReadOnlyBind)
            ?? group.First());

    private static bool IsSameOrInside(string path, string folder) =>
        path.Equals(folder, StringComparison.Ordinal)
        || folder == "/"
        || (path.StartsWith(folder, StringComparison.Ordinal) && path[folder.Length] == '/');

    private static int Depth(string path) => path == "/" ? 0 : path.Count(c => c == '/');

    private static string Normalize(string path)
    {
        var full = Path.GetFullPath(path);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    private sealed record Entry(string Path, Kind Kind, string? Source = null);
}
