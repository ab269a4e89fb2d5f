using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace SkillRt.Server.Web;

/// <summary>
/// The pages' stylesheets, scripts and images: embedded in the assemblies that use them (the server's
/// frame and each module), fingerprinted by content and served under <c>/assets/</c>. Pages link them
/// with <see cref="Url"/>, so a changed file gets a new URL and browsers never use a stale copy.
/// </summary>
public sealed class WebAssets
{
    /// <summary>Where assets are served from.</summary>
    public const string PathPrefix = "/assets/";

    // What an assembly's embedded resource must be called (LogicalName) to be served as an asset.
    internal const string ResourcePrefix = "SkillRt.Web.Assets.";

    private readonly Dictionary<string, WebAsset> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WebAsset> _byPath = new(StringComparer.Ordinal);

    internal WebAssets(IEnumerable<WebAssetSource> sources)
    {
        foreach (var source in sources)
        {
            foreach (var resource in source.Assembly.GetManifestResourceNames())
            {
                if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var asset = Load(source.Assembly, resource, resource[ResourcePrefix.Length..]);
                if (!_byName.TryAdd(asset.Name, asset))
                {
                    throw new InvalidOperationException($"Two assemblies embed the web asset '{asset.Name}' ({source.Assembly.GetName().Name} is the second); give one of them another name.");
                }

                _byPath[asset.Path] = asset;
            }
        }
    }

    /// <summary>The URL of the asset <paramref name="name"/> (<c>site.css</c>), with its fingerprint.</summary>
    /// <exception cref="ArgumentException">No assembly embeds an asset of that name.</exception>
    public string Url(string name) =>
        _byName.TryGetValue(name, out var asset)
            ? asset.Path
            : throw new ArgumentException($"No web asset is called '{name}'; embed it with LogicalName=\"{ResourcePrefix}{name}\".", nameof(name));

    /// <summary>The asset at a fingerprinted path, or (for links from elsewhere) by its plain name.</summary>
    internal WebAsset? Find(string path, out bool fingerprinted)
    {
        if (_byPath.TryGetValue(path, out var asset))
        {
            fingerprinted = true;
            return asset;
        }

        fingerprinted = false;
        return path.StartsWith(PathPrefix, StringComparison.Ordinal) && _byName.TryGetValue(path[PathPrefix.Length..], out asset) ? asset : null;
    }

    private static WebAsset Load(Assembly assembly, string resource, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..12];
        var extension = System.IO.Path.GetExtension(name);
        var contentType = extension switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".ico" => "image/x-icon",
            ".woff2" => "font/woff2",
            _ => throw new InvalidOperationException($"The web asset '{name}' has a type the server does not serve ({extension}); use .css, .js, .svg, .png, .ico or .woff2."),
        };
        var compressible = extension is ".css" or ".js" or ".svg";
        var path = PathPrefix + System.IO.Path.GetFileNameWithoutExtension(name) + "." + hash + extension;
        return new WebAsset(name, path, contentType, "\"" + hash + "\"", content,
            compressible ? Compress(content, s => new BrotliStream(s, CompressionLevel.SmallestSize)) : null,
            compressible ? Compress(content, s => new GZipStream(s, CompressionLevel.SmallestSize)) : null);
    }

    private static byte[] Compress(byte[] content, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var compressing = compressor(output))
        {
            compressing.Write(content);
        }

        return output.ToArray();
    }
}
