using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Logging;
using SkillRt.AgentDoc;

namespace SkillRt.Server.AgentDocs;

/// <summary>The agent-docs of <see cref="AgentDocServerOptions.Files"/>: read and validated once; bad files are logged and left out.</summary>
internal static partial class AgentDocFileSource
{
    public static IReadOnlyList<AgentDocIndex> Load(IEnumerable<string> paths, ILogger logger)
    {
        var indexes = new List<AgentDocIndex>();
        foreach (var file in paths.SelectMany(Expand).Distinct(StringComparer.Ordinal))
        {
            AgentDocReadResult read;
            try
            {
                read = AgentDocReader.Load(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogUnreadableFile(logger, file, exception.Message);
                continue;
            }

            if (read.Document is null || read.HasErrors)
            {
                LogInvalidFile(logger, file, string.Join(Environment.NewLine, read.Diagnostics.Select(d => d.ToString(file))));
                continue;
            }

            indexes.Add(new AgentDocIndex(read.Document));
        }

        return indexes;
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, AgentDocSpec.FileName, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive }).Order(StringComparer.Ordinal)
            : [path];

    [LoggerMessage(Level = LogLevel.Error, Message = "The agent-doc file {Path} cannot be read ({Reason}); it is not served.")]
    private static partial void LogUnreadableFile(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The agent-doc file {Path} is not valid; it is not served:\n{Diagnostics}")]
    private static partial void LogInvalidFile(ILogger logger, string path, string diagnostics);
}
