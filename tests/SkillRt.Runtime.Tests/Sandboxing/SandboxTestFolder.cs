using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkillRt.Execution;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>
/// A temporary skill folder (<c>skill/</c> with SKILL.md and <c>scripts/</c>) next to a working
/// folder (<c>work/</c>), for running real processes; deleted afterwards.
/// </summary>
internal sealed class SandboxTestFolder : IDisposable
{
    public SandboxTestFolder()
    {
        Root = Directory.CreateTempSubdirectory("skillrt-test-").FullName;
        Skill = Directory.CreateDirectory(Path.Combine(Root, "skill")).FullName;
        Work = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
    }

    public string Root { get; }

    public string Skill { get; }

    public string Work { get; }

    /// <summary>Writes <c>skill/scripts/{name}</c>, executable unless told otherwise.</summary>
    public string Script(string name, string text, bool executable = true)
    {
        var path = Path.Combine(Skill, "scripts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | (executable ? UnixFileMode.UserExecute : UnixFileMode.None));
        }

        return path;
    }

    /// <summary>Writes a file under the root (<c>work/data/in.txt</c>, <c>secret.txt</c>).</summary>
    public string WriteFile(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes SKILL.md with the frontmatter given (a description is added when missing) and loads it, as skills loaded at run time are.</summary>
    public Task<SkillDefinition> SkillAsync(string frontmatter)
    {
        if (!frontmatter.Contains("description:", StringComparison.Ordinal))
        {
            frontmatter += "\ndescription: A process skill for the sandbox tests.";
        }

        File.WriteAllText(Path.Combine(Skill, "SKILL.md"), "---\n" + frontmatter.ReplaceLineEndings("\n").Trim() + "\n---\nA process skill for the sandbox tests.\n");
        return SkillDefinition.LoadAsync(Skill, TestContext.Current.CancellationToken);
    }

    /// <summary>Runs <paramref name="skill"/> through <see cref="ProcessSkillExecutor"/> with this folder's working folder.</summary>
    public Task<JsonElement> RunAsync(
        SkillDefinition skill, string inputJson, ProcessSandbox sandbox, TimeSpan? timeout = null, CancellationToken? cancellationToken = null, SkillRunState? state = null,
        ProcessLimits? limits = null, TimeProvider? clock = null)
    {
        var options = new SkillRunnerOptions { ProcessTimeout = timeout ?? TimeSpan.FromMinutes(2), WorkingDirectory = Work, TimeProvider = clock ?? TimeProvider.System };
        var executor = new ProcessSkillExecutor(sandbox, options, NullLogger.Instance);
        using var input = JsonDocument.Parse(inputJson);
        var execution = new SkillExecution<JsonElement, JsonElement>(
            skill.Contract, input.RootElement.Clone(), PreparedSkill.For(skill.Descriptor), ModelSettings.Resolve(options, SkillModelHints.None, null),
            state ?? new SkillRunState(), progress: null, skillDirectory: skill.Directory, workingDirectory: Work)
        {
            ProcessLimits = limits,
        };
        return executor.ExecuteAsync(execution, cancellationToken ?? TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
