using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillRt.Testing;

/// <summary>Reflection-free JSON for replay files, so the library stays trimmable and AOT-compatible.</summary>
/// <remarks>
/// Reading is forgiving where hand editing needs it (comments, trailing commas) and strict where a typo
/// would otherwise pass silently: an unknown property is an error, reported at its line.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    MaxDepth = 256)]
[JsonSerializable(typeof(ChatRecording))]
internal sealed partial class ChatRecordingJsonContext : JsonSerializerContext
{
    private static ChatRecordingJsonContext? s_readable;

    /// <summary>
    /// The context the library uses: as generated, but writing apostrophes, quotes in prose, <c>&lt;</c>
    /// and non-ASCII text as themselves, since people read and edit these files and no browser renders them.
    /// </summary>
    /// <remarks>
    /// Made on first use rather than in a static initializer: the generated <see cref="Default"/> lives in
    /// another part of this partial class, and C# does not order static initializers across parts. A race
    /// only builds an equal context twice.
    /// </remarks>
    public static ChatRecordingJsonContext Readable => s_readable ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
