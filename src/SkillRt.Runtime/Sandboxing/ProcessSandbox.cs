using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SkillRt.Permissions;

namespace SkillRt.Sandboxing;

/// <summary>
/// Starts every process SkillRt runs for a skill, confined to the skill's permissions: bubblewrap
/// on Linux when it works; elsewhere the start is refused, saying why, unless the host allowed
/// unsandboxed processes (then the environment is filtered and a warning logged).
/// </summary>
/// <remarks>
/// Never through a shell: the program and its arguments go to the OS as they are. Each process gets
/// a private temporary folder (its HOME, TMPDIR and, in bubblewrap, <c>/tmp</c>), deleted when it
/// ends. When it runs too long or the run is cancelled, the process is killed with every process it
/// started.
/// </remarks>
internal sealed class ProcessSandbox : IAsyncDisposable, IDisposable
{
    /// <summary>How much of standard error is kept: the end, where the reason for a failure usually is.</summary>
    public const int StandardErrorTailBytes = 64 * 1024;

    private static readonly Lazy<string?> BubblewrapOnPath = new(() => OperatingSystem.IsLinux() ? ProgramLocator.Find("bwrap", null, "/") : null);
    private static readonly Lazy<string?> SocatOnPath = new(() => OperatingSystem.IsLinux() ? ProgramLocator.Find("socat", null, "/") : null);

    // Whether a bwrap binary can actually create namespaces here (a container may forbid it), by path;
    // asked once per process, since the answer does not change.
    private static readonly ConcurrentDictionary<string, Lazy<Task<string?>>> BubblewrapProblems = new(StringComparer.Ordinal);

    // How long a killed process and its output pipes get to close before the sandbox stops waiting.
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger;
    private readonly string? _bubblewrapPath;
    private readonly string? _socatPath;
    private readonly ConcurrentDictionary<string, bool> _warnedSkills = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AllowlistProxy, bool> _proxies = new();
    private volatile bool _disposed;

    /// <summary>Creates the sandbox, using bubblewrap and socat from the host's PATH when they are there.</summary>
    /// <param name="requireSandbox">Whether to refuse a start that would run without an OS sandbox.</param>
    /// <param name="logger">Receives starts, exits, refused connections and the missing-sandbox warning.</param>
    public ProcessSandbox(bool requireSandbox, ILogger logger)
        : this(requireSandbox, logger, BubblewrapOnPath.Value, SocatOnPath.Value)
    {
    }

    /// <summary>Creates the sandbox with the given tools; <see langword="null"/> means the tool is not available.</summary>
    internal ProcessSandbox(bool requireSandbox, ILogger logger, string? bubblewrapPath, string? socatPath)
    {
        ArgumentNullException.ThrowIfNull(logger);
        RequireSandbox = requireSandbox;
        _logger = logger;
        _bubblewrapPath = OperatingSystem.IsLinux() ? bubblewrapPath : null;
        _socatPath = socatPath;
    }

    /// <summary>Whether a start that would run without an OS sandbox is refused.</summary>
    public bool RequireSandbox { get; }

    /// <summary>Whether process count and memory are limited with cgroups where writable; off, rlimits alone apply (tests of the fallback).</summary>
    internal bool UseCgroups { get; init; } = true;

    /// <summary>Runs the process to its end, feeding it standard input and collecting its output.</summary>
    /// <exception cref="SkillProcessException">The program was not found or could not start, or it ran past <see cref="SandboxedProcessStart.Timeout"/>.</exception>
    /// <exception cref="SkillSandboxException">No OS sandbox is available and <see cref="RequireSandbox"/> is set, or the sandbox failed to start.</exception>
    /// <exception cref="SkillProcessException">The program is on the host's PATH but not on the PATH the process runs with.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the process was killed.</exception>
    public async Task<SandboxedProcessResult> RunAsync(SandboxedProcessStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();

        if (!Directory.Exists(start.WorkingDirectory))
        {
            throw new SkillProcessException(
                $"Skill '{start.SkillName}': the working folder '{start.WorkingDirectory}' does not exist; processes start there.",
                start.SkillName, exitCode: null, standardError: null, timedOut: false);
        }

        // One PATH: a bare name is looked up on the PATH the process will run with, so the program found
        // is the program that runs (a pyenv shim found on the host's PATH would fail inside).
        var searchPath = SandboxEnvironment.SearchPath(start.Permissions.Environment);
        var program = ProgramLocator.Find(start.Program, start.SkillDirectory, start.WorkingDirectory, searchPath)
            ?? throw new SkillProcessException(NotFoundMessage(start, searchPath), start.SkillName, exitCode: null, standardError: null, timedOut: false);
        if (!ProgramLocator.IsExecutable(program))
        {
            throw new SkillProcessException(
                $"Skill '{start.SkillName}': '{program}' is not executable; make it executable (chmod +x) or run it with its interpreter, such as [python3, {start.Program}].",
                start.SkillName, exitCode: null, standardError: null, timedOut: false);
        }

        var bubblewrap = await UsableBubblewrapAsync(start.SkillName).ConfigureAwait(false);
        var tempFolder = PrivateTempFolder.Create(_logger);
        var temp = tempFolder.Path;
        AllowlistProxy? proxy = null;
        try
        {
            ProcessStartInfo startInfo;
            if (bubblewrap is null)
            {
                startInfo = new ProcessStartInfo(program) { WorkingDirectory = start.WorkingDirectory };
                foreach (var argument in start.Arguments)
                {
                    startInfo.ArgumentList.Add(argument);
                }

                SetEnvironment(startInfo, SandboxEnvironment.Build(start.Permissions.Environment, temp, temp, proxyUrl: null).All);
            }
            else
            {
                var networkPolicy = new NetworkPolicy(start.Permissions.Network);
                var network = NetworkFor(networkPolicy, start.SkillName);
                if (network == SandboxNetwork.Proxy)
                {
                    proxy = new AllowlistProxy(Path.Combine(temp, "proxy.sock"), networkPolicy.Allows, start.SkillName, _logger);
                    _proxies.TryAdd(proxy, true);
                    try
                    {
                        proxy.Start();
                    }
                    catch (Exception e) when (e is SocketException or ArgumentException or IOException)
                    {
                        // A socket path longer than the OS allows (about 100 bytes) when TMPDIR is deep, say.
                        throw new SkillSandboxException($"The network proxy for skill '{start.SkillName}' could not listen on {proxy.SocketPath}: {e.Message}", start.SkillName, e);
                    }
                }

                var proxyUrl = proxy is null ? null : "http://127.0.0.1:" + BubblewrapArguments.BridgePort.ToString(CultureInfo.InvariantCulture);
                var (environment, fixedEnvironment) = SandboxEnvironment.Build(start.Permissions.Environment, "/tmp", "/tmp", proxyUrl);
                var layout = new SandboxLayout
                {
                    Program = program,
                    Arguments = start.Arguments,
                    WorkingDirectory = start.WorkingDirectory,
                    SkillDirectory = start.SkillDirectory is { } skillDirectory && Directory.Exists(skillDirectory) ? Path.GetFullPath(skillDirectory) : null,
                    SkillFile = start.SkillDirectory is null && start.SkillFile is { } skillFile && File.Exists(skillFile) ? Path.GetFullPath(skillFile) : null,
                    Mounts = MountsFor(start),
                    PrivateTemp = temp,
                    Network = network,
                    ProxySocket = proxy?.SocketPath,
                    Socat = proxy is null ? null : _socatPath,
                    FixedEnvironment = fixedEnvironment,
                };

                startInfo = new ProcessStartInfo(bubblewrap);
                foreach (var argument in BubblewrapArguments.Build(layout))
                {
                    startInfo.ArgumentList.Add(argument);
                }

                // The variables go to bwrap's own environment, which it hands on unchanged, rather than
                // to --setenv: a command line is readable by every user of the machine through /proc,
                // and permissions.env often names tokens. Only the fixed values are on the command line.
                SetEnvironment(startInfo, environment);
            }

            var kind = bubblewrap is null ? SandboxKind.EnvironmentOnly : SandboxKind.Bubblewrap;
            using var limiter = ResourceLimiter.Apply(startInfo, start.Limits ?? ProcessLimits.Current ?? ProcessLimits.Default, start.SkillName, _logger, UseCgroups);
            var result = await RunToEndAsync(startInfo, start, Path.GetFileName(program), kind, proxy, cancellationToken).ConfigureAwait(false);
            if (kind == SandboxKind.Bubblewrap && result.ExitCode != 0 && SandboxFailure(result.StandardError) is { } failure)
            {
                throw new SkillSandboxException($"The sandbox for skill '{start.SkillName}' failed to start: {failure}", start.SkillName);
            }

            if (result.ExitCode != 0 && ResourceLimiter.Failure(result.StandardError) is { } limitFailure)
            {
                throw new SkillSandboxException($"The resource limits for skill '{start.SkillName}' could not be applied: {limitFailure}", start.SkillName);
            }

            if (limiter.Exceeded(result.ExitCode, result.StandardError) is { } limit)
            {
                SandboxLog.LimitExceeded(_logger, start.SkillName, Path.GetFileName(program), limiter.Describe(limit));
                return result with { LimitExceeded = limit, LimitDescription = limiter.Describe(limit) };
            }

            return result;
        }
        finally
        {
            if (proxy is not null)
            {
                _proxies.TryRemove(proxy, out _);
                await proxy.DisposeAsync().ConfigureAwait(false);
            }

            tempFolder.Dispose();
        }
    }

    /// <summary>Stops every allowlisting proxy still running, waiting for them; for a container disposed without await.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Stops every allowlisting proxy still running.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var proxy in _proxies.Keys)
        {
            if (_proxies.TryRemove(proxy, out _))
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<SandboxedProcessResult> RunToEndAsync(
        ProcessStartInfo startInfo, SandboxedProcessStart start, string programName, SandboxKind kind, AllowlistProxy? proxy, CancellationToken cancellationToken)
    {
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.CreateNoWindow = true;

        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await ProcessLauncher.StartAsync(process).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new SkillProcessException($"Skill '{start.SkillName}': '{startInfo.FileName}' could not be started: {e.Message}", start.SkillName, e);
        }

        SandboxLog.Starting(_logger, start.SkillName, programName, kind);
        var output = OutputCapture.ReadHeadAsync(process.StandardOutput.BaseStream, start.MaxOutputBytes);
        var error = OutputCapture.ReadTailAsync(process.StandardError.BaseStream, StandardErrorTailBytes);
        var input = WriteInputAsync(process.StandardInput, start.StandardInput);

        using var timeout = new CancellationTokenSource(start.Timeout, start.TimeProvider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);

            // The pipes end when the last process holding them does; under bubblewrap that is the
            // program, since its namespace dies with it.
            await Task.WhenAll(output, error).WaitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await KillAsync(process, output, error, input).ConfigureAwait(false);
            var tail = error.IsCompletedSuccessfully ? error.Result : string.Empty;
            if (cancellationToken.IsCancellationRequested)
            {
                SandboxLog.Cancelled(_logger, start.SkillName, programName);
                throw new OperationCanceledException($"The run of skill '{start.SkillName}' was cancelled; its process was stopped.", cancellationToken);
            }

            var seconds = start.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            SandboxLog.TimedOut(_logger, start.SkillName, programName, start.Timeout.TotalSeconds);
            throw new SkillProcessException(
                $"The process of skill '{start.SkillName}' ({programName}) took longer than {seconds} s and was stopped with every process it started. Raise SkillRunnerOptions.ProcessTimeout if it needs more time.",
                start.SkillName, exitCode: null, standardError: tail, timedOut: true);
        }

        await input.ConfigureAwait(false);
        var duration = stopwatch.Elapsed;
        var (text, truncated) = await output.ConfigureAwait(false);
        SandboxLog.Exited(_logger, start.SkillName, programName, process.ExitCode, duration.TotalMilliseconds);
        return new SandboxedProcessResult
        {
            ExitCode = process.ExitCode,
            StandardOutput = text,
            StandardError = await error.ConfigureAwait(false),
            OutputTruncated = truncated,
            Sandbox = kind,
            Duration = duration,
            DeniedConnections = proxy?.DeniedCount ?? 0,
        };
    }

    /// <summary>Writes the input and closes standard input; a process that exits without reading it is not an error.</summary>
    private static async Task WriteInputAsync(StreamWriter standardInput, ReadOnlyMemory<byte> bytes)
    {
        try
        {
            if (!bytes.IsEmpty)
            {
                await standardInput.BaseStream.WriteAsync(bytes).ConfigureAwait(false);
                await standardInput.BaseStream.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The process closed its end (it exited, or it does not read input).
        }
        finally
        {
            try
            {
                standardInput.Close();
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Kills the process and everything it started, then waits a little for it and its pipes.</summary>
    private static async Task KillAsync(Process process, params Task[] pending)
    {
        try
        {
            // Under bubblewrap this is bwrap and the namespace's init; with them gone the kernel kills
            // everything else in the namespace, including processes that left the tree.
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // It had already exited.
        }

        try
        {
            await Task.WhenAll([process.WaitForExitAsync(), .. pending]).WaitAsync(KillGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Something outside the tree still holds a pipe open; the output is not needed any more.
        }
        catch (IOException)
        {
        }
    }

    private SandboxNetwork NetworkFor(NetworkPolicy policy, string skillName)
    {
        if (policy.AllowsAnyHost)
        {
            return SandboxNetwork.Host;
        }

        if (policy.IsEmpty)
        {
            return SandboxNetwork.None;
        }

        if (_socatPath is not null)
        {
            return SandboxNetwork.Proxy;
        }

        if (RequireSandbox)
        {
            throw new SkillSandboxException(
                $"Skill '{skillName}' lists hosts in permissions.network, and reaching them from the sandbox needs socat, which is not on PATH; install it (apt-get install socat). Without it the process would run with no network; SkillRunnerOptions.UnsafeAllowUnsandboxedProcesses (skillrt run --no-sandbox) allows that.",
                skillName);
        }

        SandboxLog.SocatMissing(_logger, skillName);
        return SandboxNetwork.None;
    }

    /// <summary>The paths the skill's filesystem rules reach that can be shown in the sandbox.</summary>
    /// <remarks>
    /// A bind mount needs something at its source. A read-write rule for a folder that does not exist
    /// yet (<c>./out/**</c>) creates the folder when its parent exists, since the skill may create it
    /// anyway; any other missing path, such as a single file the skill is to write, is left out, and
    /// the skill should declare a folder for new files instead.
    /// </remarks>
    private List<SandboxMount> MountsFor(SandboxedProcessStart start)
    {
        var rules = start.Permissions.Filesystem;
        var mounts = new List<SandboxMount>();
        if (rules.Count == 0)
        {
            return mounts;
        }

        foreach (var mount in new FilesystemPolicy(rules, start.WorkingDirectory).Mounts)
        {
            var path = mount.Path;
            if (IsSameOrInside(path, "/proc") || IsSameOrInside(path, "/dev"))
            {
                // The sandbox has a /proc and /dev of its own; the host's would show its processes and devices.
                SandboxLog.MountSkipped(_logger, start.SkillName, path, "the sandbox has its own /proc and /dev");
                continue;
            }

            if (HasLinkOnTheWay(path))
            {
                // bwrap follows links in a mount's source: a link planted at a declared path would
                // expose whatever it points to. The file tools resolve links; the sandbox refuses them.
                SandboxLog.MountSkipped(_logger, start.SkillName, path, "it is, or is inside, a symbolic link");
                continue;
            }

            if (!File.Exists(path) && !Directory.Exists(path))
            {
                if (!mount.Writable || !IsFolderOfSomeRule(path, rules, start.WorkingDirectory) || !Directory.Exists(Path.GetDirectoryName(path)))
                {
                    SandboxLog.MountSkipped(_logger, start.SkillName, path, "it does not exist");
                    continue;
                }

                Directory.CreateDirectory(path);
            }

            mounts.Add(new SandboxMount(path, mount.Writable));
        }

        return mounts;
    }

    /// <summary>Whether the path or any folder above it is a symbolic link (or a junction).</summary>
    private static bool HasLinkOnTheWay(string path)
    {
        for (var current = path; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            var info = new FileInfo(current);
            if (info.Exists || Directory.Exists(current))
            {
                if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether some rule's glob goes on below <paramref name="path"/>, so the path is a folder rather than a file.</summary>
    private static bool IsFolderOfSomeRule(string path, IReadOnlyList<SkillFilesystemRule> rules, string baseDirectory) =>
        rules.Any(rule =>
        {
            if (string.IsNullOrWhiteSpace(rule.Pattern))
            {
                return false;
            }

            var glob = FilesystemGlob.Create(rule.Pattern, baseDirectory);
            return string.Equals(glob.Root, path, FilesystemGlob.PathComparison)
                ? !glob.IsLiteral
                : FilesystemGlob.IsSameOrUnder(glob.Root, path);
        });

    /// <summary>
    /// The bwrap to use, or <see langword="null"/> to run with a filtered environment only; throws
    /// when that is not allowed.
    /// </summary>
    private async Task<string?> UsableBubblewrapAsync(string skillName)
    {
        string? problem;
        if (_bubblewrapPath is null)
        {
            problem = OperatingSystem.IsLinux()
                ? "bubblewrap (bwrap) is not on PATH; install it (apt-get install bubblewrap, or dnf install bubblewrap)"
                : $"SkillRt sandboxes processes with bubblewrap, on Linux only, and this is {RuntimeOs()}, where it has no sandbox";
        }
        else
        {
            problem = await BubblewrapProblems.GetOrAdd(_bubblewrapPath, path => new Lazy<Task<string?>>(() => ProbeAsync(path, _logger))).Value.ConfigureAwait(false);
            if (problem is null)
            {
                return _bubblewrapPath;
            }
        }

        if (RequireSandbox)
        {
            throw new SkillSandboxException(
                $"Skill '{skillName}' cannot run its process in a sandbox: {problem}. SkillRt does not run a skill's processes unconfined unless told to: fix the sandbox, or accept that the process can read and write your files and reach any network with SkillRunnerOptions.UnsafeAllowUnsandboxedProcesses (skillrt run --no-sandbox).",
                skillName);
        }

        if (_warnedSkills.TryAdd(skillName, true))
        {
            SandboxLog.NoSandbox(_logger, skillName, problem);
        }

        return null;
    }

    /// <summary>Runs bwrap once with the namespaces a sandbox uses; a container may forbid them.</summary>
    private static async Task<string?> ProbeAsync(string bubblewrap, ILogger logger)
    {
        var startInfo = new ProcessStartInfo(bubblewrap)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--unshare-all", .. BubblewrapArguments.UserNamespace, "--die-with-parent", "--new-session", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "--", "/bin/sh", "-c", ":"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(startInfo)!;
            var error = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                return "it did not answer within 10 s";
            }

            var text = (await error.ConfigureAwait(false)).Trim();
            if (process.ExitCode == 0)
            {
                return null;
            }

            var reason = text.Length > 0 ? FirstLine(text) : "exit code " + process.ExitCode.ToString(CultureInfo.InvariantCulture);
            SandboxLog.BubblewrapUnusable(logger, bubblewrap, reason);
            return $"bubblewrap cannot create a sandbox here ({reason}); allow unprivileged user namespaces or run outside a restricted container";
        }
        catch (Win32Exception e)
        {
            SandboxLog.BubblewrapUnusable(logger, bubblewrap, e.Message);
            return $"bubblewrap at {bubblewrap} could not be started ({e.Message})";
        }
    }

    /// <summary>The sandbox's own error, when bwrap or the network bridge failed rather than the program.</summary>
    private static string? SandboxFailure(string standardError)
    {
        var text = standardError.TrimStart();
        return text.StartsWith("bwrap: ", StringComparison.Ordinal) || text.StartsWith(BubblewrapArguments.BridgeFailure, StringComparison.Ordinal)
            ? FirstLine(text)
            : null;
    }

    private static string NotFoundMessage(SandboxedProcessStart start, string searchPath)
    {
        var program = start.Program;
        if (program.Contains('/', StringComparison.Ordinal) || program.Contains('\\', StringComparison.Ordinal))
        {
            var folder = start.SkillDirectory ?? start.WorkingDirectory;
            return $"Skill '{start.SkillName}': the program '{program}' was not found (looked for {Path.GetFullPath(program, folder)}); relative paths are resolved against the skill's folder.";
        }

        if (ProgramLocator.FindOnPath(program) is { } elsewhere)
        {
            return $"Skill '{start.SkillName}': '{program}' is on the host's PATH at {elsewhere}, which is not on the PATH the skill's processes run with ({searchPath}), so it would not be the program that runs. "
                + $"Install {program} in a system folder, name the real file by its full path in the command, or list PATH in permissions.env to run with the host's PATH "
                + "(a version manager's shim, such as pyenv's, also needs read access to its own folder: permissions.filesystem ~/.pyenv/**).";
        }

        return $"Skill '{start.SkillName}': the program '{program}' was not found on PATH ({searchPath}); install it or fix the skill's command.";
    }

    private static void SetEnvironment(ProcessStartInfo startInfo, Dictionary<string, string> variables)
    {
        startInfo.Environment.Clear();
        foreach (var (name, value) in variables)
        {
            startInfo.Environment[name] = value;
        }
    }

    private static bool IsSameOrInside(string path, string folder) =>
        path.Equals(folder, StringComparison.Ordinal) || path.StartsWith(folder + "/", StringComparison.Ordinal);

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static string RuntimeOs() =>
        OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "macOS" : System.Runtime.InteropServices.RuntimeInformation.OSDescription;
}
