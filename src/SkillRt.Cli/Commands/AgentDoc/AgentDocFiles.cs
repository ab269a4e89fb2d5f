using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.AgentDoc;

#if !SKILL_NATIVE_FRONT
namespace SkillRt.Cli.Commands.AgentDoc;

/// <summary>Reading and writing the agent-doc commands' files, with the errors a user can act on.</summary>
internal static class AgentDocFiles
{
    /// <summary>Reads and validates an agent-doc; a missing or unreadable file is a usage error.</summary>
    public static async Task<AgentDocReadResult> LoadAsync(string path, CancellationToken cancellationToken)
    {
        RequireFile(path, "an agent-doc.yaml file");
        try
        {
            return await AgentDocReader.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot read '{path}': {exception.Message}");
        }
    }

    public static void RequireFile(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw new CliException(ExitCodes.UsageError, $"'{path}' is a folder; pass {what}.");
        }

        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.UsageError, $"'{path}' does not exist; pass {what}.");
        }
    }

    /// <summary>Writes text to a file (UTF-8, no byte order mark); a folder that does not exist or no access is a usage error.</summary>
    public static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllTextAsync(path, text, new System.Text.UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot write '{path}': {exception.Message}; check that its folder exists and is writable.");
        }
    }

    /// <summary>A diagnostic as the compiler prints one, with its help link, as <c>skillrt validate</c> does.</summary>
    public static string Line(SkillDiagnostic diagnostic, string path) => $"{diagnostic.ToString(path)} [{diagnostic.Descriptor.HelpLink}]";

    public static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
#endif
