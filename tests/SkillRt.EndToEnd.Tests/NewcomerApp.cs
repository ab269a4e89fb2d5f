namespace SkillRt.EndToEnd.Tests;

/// <summary>The files a newcomer writes into the new console app of <see cref="NewcomerSetup"/>.</summary>
internal static class NewcomerApp
{
    /// <summary>The README's triage-issue skill, as a loose <c>triage.md</c> beside the project file.</summary>
    public const string Skill = """
        ---
        name: triage-issue
        version: 1.0.0
        description: Triages a new GitHub issue and says who should look at it next.
        inputs:
          - name: issue_url
            type: url
            required: true
        outputs:
          schema:
            type: object
            required: [kind, next_step]
            properties:
              kind: {type: string, enum: [bug, feature, question]}
              next_step: {type: string}
        permissions:
          network: [api.github.com]
        ---
        Triage {{ issue_url }}. Read it with `gh issue view {{ issue_url }}`.

        """;

    /// <summary>Not a skill (no frontmatter), though <c>*.md</c> matches it.</summary>
    public const string Readme = """
        # Triage

        A console app that triages GitHub issues with a SkillRt skill.

        """;

    /// <summary>Not a skill either: neither file generates a class, so the two cannot clash (SKILL1001).</summary>
    public const string Changelog = """
        # Changelog

        ## 1.0.0

        - First version.

        """;

    /// <summary>
    /// Runs the generated <c>TriageIssueSkill</c> through the package's <c>SkillRunner</c>. The model is a
    /// small <c>IChatClient</c> written in the app, because the README's install brings only SkillRt (not
    /// SkillRt.Testing's replay client) and no model is reachable in a test: it checks that the prompt
    /// is the rendered skill and answers with fixed JSON, which the generated code then reads and checks.
    /// </summary>
    public const string Program = """"
        using Microsoft.Extensions.AI;
        using SkillRt;
        using Triage.Skills;

        await using var runner = new SkillRunner(new FixedAnswerChatClient());
        TriageIssueOutput triage = await TriageIssueSkill.RunAsync(runner, new TriageIssueInput(new Uri("https://github.com/o/r/issues/1")));
        Console.WriteLine($"skills: {string.Join(", ", SkillCatalog.Descriptors.Select(d => d.Name))}");
        Console.WriteLine($"{triage.Kind}: {triage.NextStep}");

        sealed class FixedAnswerChatClient : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var prompt = string.Join("\n", messages.Select(m => m.Text));
                if (!prompt.Contains("Triage https://github.com/o/r/issues/1. Read it with `gh issue view https://github.com/o/r/issues/1`.", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("The prompt is not the rendered skill:\n" + prompt);
                }

                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"kind":"bug","next_step":"Ask the runtime team."}""")));
            }

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException("The app runs the skill without streaming.");

            public object? GetService(Type serviceType, object? serviceKey = null) => null;

            public void Dispose()
            {
            }
        }

        """";
}
