using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using SkillRt.Permissions;
using SkillRt.Sandboxing;
using SkillRt.Tools.Builtin;
using Xunit;

namespace SkillRt.Runtime.Tests.Tools;

/// <summary>
/// A temporary working folder and skill folder, and built-in tools over them for a given set of
/// permissions. Deleted with everything in it on dispose.
/// </summary>
internal sealed class ToolFixture : IAsyncDisposable
{
    private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false };
    private readonly ProcessSandbox _sandbox = new(requireSandbox: false, NullLogger.Instance);

    public ToolFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "skillrt-tools-" + Guid.NewGuid().ToString("N")[..12]);
        WorkingDirectory = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        SkillDirectory = Directory.CreateDirectory(Path.Combine(Root, "skill")).FullName;
    }

    /// <summary>Holds the working folder, the skill folder and anything a test puts beside them.</summary>
    public string Root { get; }

    public string WorkingDirectory { get; }

    public string SkillDirectory { get; }

    /// <summary>Writes <paramref name="content"/> to <paramref name="relative"/> under <see cref="Root"/>, creating folders.</summary>
    public string Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public BuiltinToolContext Context(
        IReadOnlyList<string>? network = null,
        IReadOnlyList<SkillFilesystemRule>? files = null,
        IReadOnlyList<string>? tools = null,
        bool skillDirectory = true,
        TimeSpan? processTimeout = null)
    {
        var permissions = new SkillPermissions { Network = network ?? [], Filesystem = files ?? [] };
        return new BuiltinToolContext
        {
            Descriptor = new SkillDescriptor
            {
                Name = "tool-test",
                Instructions = "Test.",
                Permissions = permissions,
                Dependencies = new SkillDependencies { Tools = tools ?? [] },
            },
            SkillDirectory = skillDirectory ? SkillDirectory : null,
            WorkingDirectory = WorkingDirectory,
            Files = new FilesystemPolicy(permissions.Filesystem, WorkingDirectory),
            Network = new NetworkPolicy(permissions.Network),
            Sandbox = _sandbox,
            ProcessTimeout = processTimeout ?? TimeSpan.FromMinutes(2),
            HttpHandler = _handler,
        };
    }

    public static SkillFilesystemRule Rule(string glob, SkillFileAccess access = SkillFileAccess.ReadWrite) => new() { Pattern = glob, Access = access };

    /// <summary>The tool named <paramref name="name"/> among those offered for <paramref name="context"/>.</summary>
    public static AIFunction Tool(BuiltinToolContext context, string name) =>
        Assert.Single(BuiltinTools.For(context), tool => tool.Name == name);

    /// <summary>Calls <paramref name="tool"/> with arguments as a model sends them: JSON values.</summary>
    public static async Task<object?> CallAsync(AIFunction tool, string argumentsJson)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        var arguments = new AIFunctionArguments(document.RootElement.EnumerateObject().ToDictionary(static p => p.Name, static p => (object?)p.Value.Clone()));
        return await tool.InvokeAsync(arguments, TestContext.Current.CancellationToken);
    }

    /// <summary>Calls and expects a refusal for <paramref name="reason"/>.</summary>
    public static async Task<SkillRt.Tools.ToolDeniedException> DeniedAsync(AIFunction tool, string argumentsJson, string reason)
    {
        var denied = await Assert.ThrowsAsync<SkillRt.Tools.ToolDeniedException>(() => CallAsync(tool, argumentsJson));
        Assert.Equal(reason, denied.Reason);
        return denied;
    }

    /// <summary>A JSON string literal for <paramref name="text"/>, for building arguments.</summary>
    public static string Json(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        await _sandbox.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process a test started may still hold a file; the temp folder gets cleaned eventually.
        }
    }
}
