using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace SkillRt.Handoff.Delegation;

/// <summary>
/// Token counts when the provider has not (yet) reported them: one token per four characters,
/// rounded up, the usual rule of thumb for English text and JSON on BPE tokenizers. It errs high on
/// short chunks (a one-character chunk counts one token), which is the safe side for a budget.
/// </summary>
internal static class TokenEstimate
{
    public static long Of(int characters) => characters <= 0 ? 0 : (characters + 3) / 4;

    public static long Of(AIContent content) => content switch
    {
        TextContent text => Of(text.Text?.Length ?? 0),
        TextReasoningContent reasoning => Of(reasoning.Text?.Length ?? 0),
        FunctionCallContent call => Of(call.Name.Length + 2 + (call.Arguments?.Count ?? 0) * 16),
        _ => 0,
    };

    public static long Of(IEnumerable<ChatMessage> messages)
    {
        long tokens = 0;
        foreach (var message in messages)
        {
            // Each message costs a few tokens of framing (role, separators) besides its text.
            tokens += 4;
            foreach (var content in message.Contents)
            {
                tokens += content switch
                {
                    TextContent text => Of(text.Text?.Length ?? 0),
                    FunctionResultContent result => Of(result.Result?.ToString()?.Length ?? 0),
                    _ => Of(content),
                };
            }
        }

        return Math.Max(tokens, 1);
    }
}
