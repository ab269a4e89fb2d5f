using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>
/// The content hash that pins an agent-doc (spec section "Identity"): <c>sha256:</c> and the lowercase hex
/// SHA-256 of the UTF-8 bytes of the document's JSON form, canonicalized by RFC 8785, with
/// <c>identity.contentHash</c> left out. Layout, comments and key order do not change it; any data does.
/// </summary>
public static class AgentDocContentHash
{
    /// <summary>The content hash of a document.</summary>
    public static string Compute(AgentDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Compute(AgentDocJson.ToJson(document));
    }

    /// <summary>The content hash of a document's JSON form (<paramref name="json"/> is not changed).</summary>
    internal static string Compute(JsonObject json)
    {
        var copy = (JsonObject)json.DeepClone();
        if (copy["identity"] is JsonObject identity)
        {
            identity.Remove("contentHash");
        }

        var bytes = Encoding.UTF8.GetBytes(CanonicalJson.Write(copy));
        return AgentDocSpec.HashPrefix + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
    }

    /// <summary>The <c>sha256:</c> hash of raw bytes, as <see cref="AgentDocSource.Sha256"/> states a source file's.</summary>
    public static string OfBytes(ReadOnlySpan<byte> bytes) =>
        AgentDocSpec.HashPrefix + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>The document with <see cref="AgentDocIdentity.ContentHash"/> set to its content hash.</summary>
    public static AgentDocument WithContentHash(AgentDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document with { Identity = document.Identity with { ContentHash = Compute(document) } };
    }
}
