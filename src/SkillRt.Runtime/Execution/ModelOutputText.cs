using System;

namespace SkillRt.Execution;

/// <summary>
/// Finds the JSON in a model's answer. Providers that ignore structured output often wrap JSON in a
/// Markdown fence or a sentence; the JSON inside is what the contract checks. When nothing looks like
/// JSON the answer is returned as it is, and the check reports why it is not JSON.
/// </summary>
internal static class ModelOutputText
{
    public static string ExtractJson(string answer)
    {
        var text = answer.Trim();
        if (text.Length == 0 || text[0] is '{' or '[' or '"')
        {
            return text;
        }

        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var start = text.IndexOf('\n', fence);
            var end = start < 0 ? -1 : text.IndexOf("```", start, StringComparison.Ordinal);
            if (end > start)
            {
                return text[(start + 1)..end].Trim();
            }
        }

        var open = text.IndexOfAny(['{', '[']);
        if (open >= 0)
        {
            var close = text.LastIndexOf(text[open] == '{' ? '}' : ']');
            if (close > open)
            {
                return text[open..(close + 1)];
            }
        }

        return text;
    }
}
