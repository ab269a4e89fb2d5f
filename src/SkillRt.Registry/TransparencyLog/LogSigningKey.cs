using System;
using System.IO;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.Server.Hosting;
using SkillRt.Server.Storage;
using SkillRt.Signing.Transparency;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>
/// The key that signs the log's checkpoints: the configured one, or the one generated at first start
/// in the data directory (created with mode 0600 and never rewritten; a key file others can read is
/// refused, like ssh refuses its keys). Loaded when the server starts (<see cref="LogSigningKeyLoader"/>).
/// </summary>
internal sealed partial class LogSigningKey : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public LogSigningKey(IOptions<TransparencyLogOptions> options, IOptions<SkillRtServerOptions> server, ILogger<LogSigningKey> logger)
    {
        var settings = options.Value;
        if (settings.SigningKey is not null)
        {
            Signer = NoteSigner.Parse(settings.SigningKey, out var problem)
                ?? throw new InvalidOperationException($"{TransparencyLogOptions.SectionName}:SigningKey: {problem}.");
            Source = "configuration (SigningKey)";
        }
        else if (settings.SigningKeyFile is not null)
        {
            Signer = ReadKeyFile(settings.SigningKeyFile, out var problem)
                ?? throw new InvalidOperationException($"{TransparencyLogOptions.SectionName}:SigningKeyFile: {problem}");
            Source = Path.GetFullPath(settings.SigningKeyFile);
        }
        else
        {
            var path = Path.Combine(server.Value.ResolvedDataDirectory, TransparencyLogOptions.DefaultKeyFileName);
            Signer = LoadOrGenerate(path, settings.GeneratedKeyName ?? DefaultName(server.Value), logger);
            Source = path;
            if (server.Value.Database.Provider == DatabaseProvider.PostgreSql)
            {
                LogUnsharedKey(logger, path, TransparencyLogOptions.SectionName);
            }
        }

        LogKeyLoaded(logger, Signer.Verifier.Text, Source);
    }

    /// <summary>The signer.</summary>
    public NoteSigner Signer { get; }

    /// <summary>Where the key came from, for the log line at start-up.</summary>
    public string Source { get; }

    /// <summary>Reads a key file; null with a problem naming the file and what to do.</summary>
    public static NoteSigner? ReadKeyFile(string path, out string? problem)
    {
        string text;
        try
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                problem = $"the key file '{path}' can be read or written by other users; make it private with 'chmod 600 {path}'.";
                return null;
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read the key file '{path}': {exception.Message}; check the path and its permissions.";
            return null;
        }

        var signer = NoteSigner.Parse(text, out var parseProblem);
        problem = signer is null ? $"the key file '{path}' does not hold a signed-note private key: {parseProblem}." : null;
        return signer;
    }

    public void Dispose() => Signer.Dispose();

    private static NoteSigner LoadOrGenerate(string path, string name, ILogger logger)
    {
        if (!File.Exists(path))
        {
            using var generated = NoteSigner.Generate(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            try
            {
                // CreateNew: two processes on one data directory must not each write a key; the loser reads the winner's.
                using var stream = new FileStream(path, options);
                stream.Write(Encoding.UTF8.GetBytes(generated.PrivateKeyText + "\n"));
                stream.Flush(flushToDisk: true);
                LogKeyGenerated(logger, path);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        return ReadKeyFile(path, out var problem) ?? throw new InvalidOperationException(
            $"The transparency log's key file: {problem} To start a new log key instead, move the file away (clients that pinned the old key will refuse the new one).");
    }

    private static string DefaultName(SkillRtServerOptions server)
    {
        if (server.PublicUrl is not null && Uri.TryCreate(server.PublicUrl, UriKind.Absolute, out var url))
        {
            var name = (url.Authority + url.AbsolutePath.TrimEnd('/') + "/transparency-log").Replace("+", "-", StringComparison.Ordinal);
            if (NoteKeys.NameProblem(name) is null)
            {
                return name;
            }
        }

        return "skillrt-registry/transparency-log";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transparency log key {VerifierKey} from {Source}")]
    private static partial void LogKeyLoaded(ILogger logger, string verifierKey, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated a new transparency log signing key in {Path}; back it up: clients pin it, and a lost key means they refuse the log")]
    private static partial void LogKeyGenerated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The transparency log signs with the key in {Path}, this replica's own: with several replicas on one PostgreSQL database, set {Section}:SigningKey or SigningKeyFile to one shared key, or clients will refuse checkpoints signed by the others")]
    private static partial void LogUnsharedKey(ILogger logger, string path, string section);
}
