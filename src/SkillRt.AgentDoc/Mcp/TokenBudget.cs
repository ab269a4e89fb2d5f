using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>
/// How the doc tools count tokens: the length of the compact JSON answer divided by four, the usual rule of
/// thumb for English and JSON with OpenAI's and Anthropic's tokenizers. An estimate, so budgets are kept with
/// room to spare, and the same estimate is used to say how large a full answer would be.
/// </summary>
internal static class TokenBudget
{
    public const int CharactersPerToken = 4;

    /// <summary>Compact JSON without escaping of '&lt;', '&gt;', '&amp;', quotes or non-ASCII text: tokens an agent need not pay for.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(JsonOptions);

    public static int Tokens(int characters) => (characters + CharactersPerToken - 1) / CharactersPerToken;

    public static int Tokens(JsonNode? node) => node is null ? 0 : Tokens(Write(node).Length);
}
