using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Providers;

/// <summary>
/// The models a machine or project uses, by id, read from one file (models.yaml; docs/providers.md):
/// each id names a provider, the provider's model and where to reach it. <see cref="CreateChatClient"/>
/// turns an id into an <see cref="IChatClient"/> that behaves the same whichever provider serves it.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>The largest models.yaml read, in bytes: far above any real one.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private readonly Dictionary<string, ModelEntry> _entries;

    private ModelCatalog(IReadOnlyList<ModelEntry> entries, string? defaultId, string? path)
    {
        Models = entries;
        _entries = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        DefaultId = defaultId;
        Path = path;
    }

    /// <summary>The models, in file order.</summary>
    public IReadOnlyList<ModelEntry> Models { get; }

    /// <summary>The id used when none is given (<c>default:</c>), or <see langword="null"/>.</summary>
    public string? DefaultId { get; }

    /// <summary>The file it was read from, or <see langword="null"/>.</summary>
    public string? Path { get; }

    /// <summary>Reads and checks a models.yaml.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ModelCatalogException">The file has problems; <see cref="ModelCatalogException.Problems"/> lists each at its line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<ModelCatalog> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        CheckSize(path);
        return Parse(Decode(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path), path);
    }

    /// <summary>Reads and checks a models.yaml, for callers that cannot wait asynchronously (a command's set-up).</summary>
    /// <inheritdoc cref="LoadAsync" path="/param[@name='path']"/>
    /// <inheritdoc cref="LoadAsync" path="/exception"/>
    public static ModelCatalog Load(string path)
    {
        CheckSize(path);
        return Parse(Decode(File.ReadAllBytes(path), path), path);
    }

    private static void CheckSize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw new ModelCatalogException([new ModelCatalogProblem(path, 1, 1, $"the file is {length:N0} bytes; a models file is at most {MaxFileBytes:N0}")]);
        }
    }

    private static string Decode(byte[] bytes, string path)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ModelCatalogException([new ModelCatalogProblem(path, 1, 1, "the file is not UTF-8 text; save it as UTF-8")]);
        }
    }

    /// <summary>Reads and checks the text of a models.yaml.</summary>
    /// <param name="text">The YAML (or JSON) text.</param>
    /// <param name="path">The file it came from, for messages; <see langword="null"/> when none.</param>
    /// <exception cref="ModelCatalogException">The text has problems; each is listed at its line.</exception>
    public static ModelCatalog Parse(string text, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (entries, defaultId, problems) = ModelCatalogReader.Read(text, path);
        if (problems.Count > 0)
        {
            throw new ModelCatalogException(problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList());
        }

        return new ModelCatalog(entries, defaultId, path);
    }

    /// <summary>
    /// The prices the file gives, by model id, in US dollars: for a handoff's or a runner's
    /// <see cref="SkillPriceTable"/>, which look prices up by the id a call names.
    /// </summary>
    public SkillPriceTable CreatePriceTable()
    {
        var table = new SkillPriceTable();
        foreach (var model in Models)
        {
            if (model.Price is { } price)
            {
                table.Add(model.Id, price);
            }
        }

        return table;
    }

    /// <summary>The entry with the id, or <see langword="null"/>.</summary>
    /// <param name="id">A model id, the key in models.yaml.</param>
    public ModelEntry? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _entries.GetValueOrDefault(id);
    }

    /// <summary>
    /// An <see cref="IChatClient"/> for the model: the provider's official client, with rate-limit retries
    /// that honour <c>Retry-After</c>, JSON output asked for the way the entry says, and failures raised as
    /// <see cref="ModelProviderException"/> naming the model and what to do. Dispose it when done.
    /// </summary>
    /// <param name="id">A model id, the key in models.yaml.</param>
    /// <param name="options">Retry and timeout settings; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ModelCatalogException">The id is not in the catalog, or its key variable is not set.</exception>
    public IChatClient CreateChatClient(string id, ModelClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        var entry = Find(id) ?? throw new ModelCatalogException(UnknownId(id));
        return ProviderClientFactory.Create(entry, options ?? new ModelClientOptions());
    }

    private string UnknownId(string id)
    {
        var where = Path is null ? "the model catalog" : Path;
        return Models.Count == 0
            ? $"'{id}' is not a model in {where}, which has none; add it under 'models:' (docs/providers.md)"
            : $"'{id}' is not a model in {where}; use one of: {string.Join(", ", Models.Select(m => m.Id))}, or add it under 'models:'";
    }
}
