#if !SKILL_NATIVE_FRONT
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Cli.Store;
using SkillRt.Memory;

namespace SkillRt.Cli.Commands.Memory;

/// <summary>
/// One command's use of the local memory: the store opened on its file, with the kinds of every installed
/// skill (and of <c>--kinds-from</c>) registered, so a value is checked against the schema its skill declares.
/// </summary>
internal sealed class MemorySession : IAsyncDisposable
{
    /// <summary>The memory file's name in the skill store's folder.</summary>
    public const string FileName = "memory.db";

    private readonly ServiceProvider _services;

    private MemorySession(ServiceProvider services, string path)
    {
        _services = services;
        Path = path;
        Memory = services.GetRequiredService<ISkillMemory>();
    }

    /// <summary>What the command line says about the store.</summary>
    public sealed record Settings(string? Database, IReadOnlyList<string> KindsFrom);

    private ISkillMemory Memory { get; }

    public string Path { get; }

    public static async Task<MemorySession> OpenAsync(Settings settings, CancellationToken cancellationToken)
    {
        var store = SkillStore.Open();
        var path = System.IO.Path.GetFullPath(settings.Database ?? System.IO.Path.Combine(store.Root, FileName));
        var services = new ServiceCollection();
        services.AddSkillMemory(o => o.DatabasePath = path);
        var provider = services.BuildServiceProvider();
        try
        {
            var registry = provider.GetRequiredService<IMemoryKindRegistry>();
            foreach (var entry in store.List(cancellationToken).Where(e => e.IsSound))
            {
                // An installed skill that no longer loads is reported by 'skillrt list'; its kinds are left out here.
                if (await TryLoadAsync(entry.SkillFile, cancellationToken).ConfigureAwait(false) is { } skill)
                {
                    Register(registry, skill);
                }
            }

            foreach (var source in settings.KindsFrom)
            {
                foreach (var file in SkillFiles(source))
                {
                    var skill = await TryLoadAsync(file, cancellationToken).ConfigureAwait(false)
                        ?? throw new CliException(ExitCodes.InvalidSkill, $"--kinds-from: '{file}' is not a valid skill; 'skillrt validate {file}' says why.");
                    Register(registry, skill);
                }
            }

            return new MemorySession(provider, path);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Makes one call to the memory, a memory error becoming the CLI's error for it.</summary>
    public async Task<T> CallAsync<T>(Func<ISkillMemory, Task<T>> call)
    {
        try
        {
            return await call(Memory).ConfigureAwait(false);
        }
        catch (MemoryException exception)
        {
            throw Translate(exception);
        }
    }

    /// <summary>The CLI error for a memory error: its code, what is wrong and where, and what to do.</summary>
    private CliException Translate(MemoryException exception)
    {
        var code = exception.Code switch
        {
            MemoryErrorCodes.NotFound => ExitCodes.NotFound,
            MemoryErrorCodes.StoreUnavailable => ExitCodes.StoreError,
            _ => ExitCodes.UsageError,
        };
        var advice = exception.Code switch
        {
            MemoryErrorCodes.UnknownKind => " Install a skill that declares the kind, or name one with --kinds-from.",
            MemoryErrorCodes.StoreUnavailable => $" Check the memory file {Path}.",
            _ => string.Empty,
        };
        // The message names the code and every located problem already.
        return new CliException(code, exception.Message.TrimEnd('.') + "." + advice, innerException: exception);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static void Register(IMemoryKindRegistry registry, SkillDefinition skill)
    {
        foreach (var kind in skill.Manifest.Memory.Kinds)
        {
            try
            {
                registry.Register(new MemoryKind(kind.Name, kind.SchemaJson, kind.Description));
            }
            catch (MemoryException exception)
            {
                throw new CliException(ExitCodes.InvalidSkill, $"the kind '{kind.Name}' of {skill.Path} clashes with another skill's: {exception.Message}", innerException: exception);
            }
        }
    }

    private static IEnumerable<string> SkillFiles(string source)
    {
        if (File.Exists(source))
        {
            return [source];
        }

        if (Directory.Exists(source))
        {
            return Directory.EnumerateFiles(source, "SKILL.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        }

        throw new CliException(ExitCodes.NotFound, $"--kinds-from: '{source}' is neither a SKILL.md nor a folder.");
    }

    private static async Task<SkillDefinition?> TryLoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await SkillDefinition.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SkillValidationException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
#endif
