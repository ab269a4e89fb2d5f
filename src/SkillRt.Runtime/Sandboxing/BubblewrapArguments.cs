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

    /// <summary>The system folders shown read-only, when they exist: programs and libraries, no user data.</summary>
    public static readonly IReadOnlyList<string> SystemPaths = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt"];

    /// <summary>
    /// The parts of <c>/etc</c> shown read-only, when they exist: what programs need to start, resolve
    /// names, find users, time zones and certificates. Never <c>/etc</c> as a whole: it holds
    /// <c>shadow</c>, <c>gshadow</c>, <c>sudoers</c>, ssh host keys and TLS private keys, which a
    /// process started by root could read, its uid mapping to root outside.
    /// </summary>
    public static readonly IReadOnlyList<string> EtcPaths =
    [
        "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/hosts", "/etc/resolv.conf", "/etc/gai.conf",
        "/etc/services", "/etc/protocols", "/etc/networks", "/etc/hostname", "/etc/localtime", "/etc/timezone",
        "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
        "/etc/ssl/certs", "/etc/ssl/openssl.cnf", "/etc/ca-certificates", "/etc/ca-certificates.conf",
        "/etc/pki/ca-trust", "/etc/pki/tls/certs", "/etc/pki/tls/openssl.cnf", "/etc/crypto-policies",
        "/etc/os-release", "/etc/lsb-release", "/etc/debian_version", "/etc/locale.alias", "/etc/locale.conf",
        "/etc/mime.types", "/etc/magic", "/etc/magic.mime", "/etc/inputrc", "/etc/terminfo", "/etc/shells", "/etc/mtab",
        "/etc/fonts", "/etc/perl", "/etc/python3", "/etc/xml", "/etc/java-17-openjdk", "/etc/java-21-openjdk",
    ];

    /// <summary>
    /// The user namespace every sandbox gets and the uid and gid the process has inside (65534,
    /// <c>nobody</c>/<c>nogroup</c>): never root, so no capability survives into the process.
    /// </summary>
    public static readonly IReadOnlyList<string> UserNamespace = ["--unshare-user", "--uid", "65534", "--gid", "65534"];

    // Links in /etc that point here are recreated as links inside, where these are shown too (or are
    // the sandbox's own /proc), so /etc/localtime keeps naming its zone; others are shown by content.
    private static readonly string[] LinkTargetsShown = ["/usr", "/proc", "/etc"];

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

        foreach (var path in EtcPaths)
        {
            if (EtcEntry(path) is { } entry)
            {
                entries.Add(entry);
            }
        }

        entries.Add(new Entry("/tmp", Kind.PrivateTemp, layout.PrivateTemp));
        if (layout.SkillDirectory is { } skillDirectory)
        {
            entries.Add(new Entry(Normalize(skillDirectory), Kind.ReadOnlyBind));
        }
        else if (layout.SkillFile is { } skillFile)
        {
            // A loose skill file gets itself only: its folder may be the user's home.
            entries.Add(new Entry(Normalize(skillFile), Kind.ReadOnlyBind));
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
        arguments.AddRange(UserNamespace);
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

        // The root bwrap builds the view on is a tmpfs; read-only, so a write outside /tmp and the
        // declared paths fails instead of landing in memory (/etc/x, the working folder's stand-in).
        arguments.AddRange(["--proc", "/proc", "--dev", "/dev", "--remount-ro", "/", "--chdir", workingDirectory]);
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

    /// <summary>How one of <see cref="EtcPaths"/> is shown, or <see langword="null"/> when the host does not have it.</summary>
    private static Entry? EtcEntry(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            var full = Path.GetFullPath(target, Path.GetDirectoryName(path)!);
            if (LinkTargetsShown.Any(folder => IsSameOrInside(full, folder)))
            {
                return new Entry(path, Kind.Symlink, target);
            }

            // Elsewhere (/etc/resolv.conf to /run/systemd/...): the content, when the link leads to something.
            return info.ResolveLinkTarget(returnFinalTarget: true) is { } resolved && (File.Exists(resolved.FullName) || Directory.Exists(resolved.FullName))
                ? new Entry(path, Kind.ReadOnlyBind)
                : null;
        }

        return info.Exists || Directory.Exists(path) ? new Entry(path, Kind.ReadOnlyBind) : null;
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
