using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using SkillRt.Benchmarks.Skills;

namespace SkillRt.Benchmarks.Runner;

/// <summary>
/// The per-run cost, without the model, of running the <c>pr-review</c> skill (examples/pr-review/SKILL.md):
/// render the prompt, call the model, read the typed output. Every runner gets the same
/// <see cref="CannedChatClient"/>, so what differs is the runner. Inputs: pr_url, focus "all", max_findings 20,
/// include_nits false.
/// </summary>
/// <remarks>
/// <para>
/// Both peers ask for the same JSON schema response format (the schema of <see cref="PeerPrReviewOutput"/>, built
/// once in setup) and deserialize the answer with the same source-generated System.Text.Json metadata.
/// </para>
/// <para>
/// Semantic Kernel: a prompt function whose template is the skill body in SK's own template syntax (SK has no
/// Liquid by default; see <see cref="SemanticKernelTemplate"/>), with the schema as a JsonElement in
/// <c>PromptExecutionSettings.ExtensionData["response_format"]</c>, which SK's IChatClient path turns into
/// <see cref="ChatResponseFormat.ForJsonSchema(JsonElement, string?, string?)"/>. SK 1.82 first tries to read that
/// value as a string and catches the failure: two first-chance exceptions per run, part of what is measured.
/// </para>
/// <para>
/// Agent Framework: a <see cref="ChatClientAgent"/> whose instructions are the rendered body (rendered once in setup:
/// an agent's instructions are fixed when it is built, and the inputs here do not change), run with the input JSON
/// as the user message, a new session each run and <see cref="ChatClientAgentRunOptions"/> carrying the format,
/// built once; the answer text is deserialized as for SK. (<c>RunAsync&lt;T&gt;</c> would send the same request
/// but build the JSON schema again on every run, which costs far more than the rest of the run.)
/// </para>
/// </remarks>
[MemoryDiagnoser]
[ExceptionDiagnoser]
public class RunnerOverheadBenchmarks : IDisposable
{
    private const string PrUrl = "https://github.com/owner/repo/pull/42";
    private const string Focus = "all";
    private const int MaxFindings = 20;
    private const bool IncludeNits = false;

    /// <summary>
    /// The body of examples/pr-review/SKILL.md in Semantic Kernel's default template syntax. That syntax has
    /// variables and function calls but no <c>if</c>, so each Liquid <c>{% if %}</c> block becomes a variable the
    /// caller computes per run (<see cref="FocusStep"/>, <see cref="NitsStep"/>). Every other line is the skill's
    /// own, with <c>{{ name }}</c> written <c>{{$name}}</c>; <see cref="CheckTemplateMatchesSkill"/> holds it to that.
    /// </summary>
    internal const string SemanticKernelTemplate =
        """
        # Review a pull request

        You are reviewing {{$pr_url}}.

        1. Fetch the diff from `{{$pr_url}}.diff` with the `fetch_url` tool and read every changed file in full.
        {{$focus_step}}
        3. Report at most {{$max_findings}} findings, most severe first.
        {{$nits_step}}
        Each finding names the file and, when you can, the line. Say what is wrong and why it matters;
        add a `suggestion` only when the fix is obvious. The verdict is `request-changes` if any finding is
        `major` or `critical`, `comment` if there are only minor findings, and `approve` otherwise.
        """;

    private const string FocusAllStep = "2. Look for correctness bugs, security problems and style issues.";
    private const string FocusOneStepPrefix = "2. Concentrate on ";
    private const string FocusOneStepSuffix = " problems; mention others only when they are severe.";
    private const string NitsLine = "4. Include nits (naming, formatting) with severity `info`.";

    private static readonly JsonSerializerOptions PeerJson = PeerJsonContext.Default.Options;

    private Kernel _kernel = null!;
    private KernelFunction _function = null!;
    private ChatClientAgent _agent = null!;
    private ChatClientAgentRunOptions _agentRunOptions = null!;
    private SkillRunner _runner = null!;
    private PrReviewInput _typedInput = null!;
    private PrReviewInput[] _distinctInputs = null!;
    private int _next;
    private SkillDefinition _definition = null!;
    private JsonElement _dynamicInput;

    /// <summary>Stops what the runner holds (its network handler; no MCP server is started here).</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _runner?.Dispose();
        GC.SuppressFinalize(this);
    }

    [GlobalSetup]
    public void Setup()
    {
        CheckTemplateMatchesSkill();

        // Holds no resources; nothing to dispose.
        var client = new CannedChatClient();

        // The response format both peers ask for: what the Agent Framework's RunAsync<T> would build per run.
        var format = ChatResponseFormat.ForJsonSchema<PeerPrReviewOutput>(PeerJson);
        var schema = format.Schema ?? throw new InvalidOperationException("No JSON schema for PeerPrReviewOutput.");
        _agentRunOptions = new ChatClientAgentRunOptions(new ChatOptions { ResponseFormat = format });

        // First, over a recording client: what each peer actually sends (same body, a JSON schema format).
        var recorder = new RecordingChatClient(client);
        (_kernel, _function) = CreateSemanticKernel(recorder, schema);
        var skPrompt = CheckOutput("Semantic Kernel", InvokeSemanticKernelAsync(returnPrompt: true));
        CheckRequest("Semantic Kernel", recorder, schema, expectedUserText: skPrompt, expectedInstructions: null);

        var body = RenderBody(PrUrl, Focus, MaxFindings, IncludeNits);
        if (!string.Equals(skPrompt, body, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Semantic Kernel renders a different body than the Agent Framework gets:\n{skPrompt}\n---\n{body}");
        }

        _agent = CreateAgent(recorder, body);
        CheckOutput("Agent Framework", AgentFramework_ChatClientAgent().GetAwaiter().GetResult());
        CheckRequest("Agent Framework", recorder, schema, expectedUserText: SerializeInput(), expectedInstructions: body);

        // Then the instances the benchmarks use, over the bare canned client.
        (_kernel, _function) = CreateSemanticKernel(client, schema);
        CheckOutput("Semantic Kernel", SemanticKernel_PromptFunction().GetAwaiter().GetResult());
        _agent = CreateAgent(client, body);
        CheckOutput("Agent Framework", AgentFramework_ChatClientAgent().GetAwaiter().GetResult());
        SetupSkillRt(client);
    }

    [Benchmark]
    public async Task<PeerPrReviewOutput> SemanticKernel_PromptFunction() =>
        (await InvokeSemanticKernelAsync(returnPrompt: false).ConfigureAwait(false)).Output;

    [Benchmark]
    public async Task<PeerPrReviewOutput> AgentFramework_ChatClientAgent()
    {
        // A new session per run (session: null), as each skill run is independent.
        var response = await _agent.RunAsync(SerializeInput(), session: null, _agentRunOptions).ConfigureAwait(false);
        return JsonSerializer.Deserialize(response.Text, PeerJsonContext.Default.PeerPrReviewOutput)
            ?? throw new InvalidOperationException("The Agent Framework returned JSON null.");
    }

    /// <summary>SkillRt, typed: the generated input, contract and checks; <see cref="SkillRunner"/> over the same client.</summary>
    [Benchmark]
    public Task<PrReviewOutput> SkillRt_Typed() => PrReviewSkill.RunAsync(_runner, _typedInput);

    /// <summary>
    /// SkillRt, typed, with a different pull request on every call (64 inputs in turn, more than the
    /// runner's per-skill cache of rendered instructions holds), so every call renders the template.
    /// </summary>
    [Benchmark]
    public Task<PrReviewOutput> SkillRt_Typed_EveryInputNew() => PrReviewSkill.RunAsync(_runner, _distinctInputs[_next++ & 63]);

    /// <summary>SkillRt, dynamic: the skill loaded from its file at setup, JSON in and out, checked with JsonSchemaValidator.</summary>
    [Benchmark]
    public async Task<JsonElement> SkillRt_Dynamic() => (await _runner.RunAsync(_definition, _dynamicInput).ConfigureAwait(false)).Output;

    private void SetupSkillRt(IChatClient client)
    {
        _runner = new SkillRunner(client);
        _typedInput = new PrReviewInput(new Uri(PrUrl)) { Focus = PrReviewFocus.All, MaxFindings = MaxFindings, IncludeNits = IncludeNits };
        _distinctInputs = Enumerable.Range(1, 64).Select(i => new PrReviewInput(new Uri($"https://github.com/owner/repo/pull/{i}"))).ToArray();
        _definition = SkillDefinition.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Data", "pr-review.md")).GetAwaiter().GetResult();
        _dynamicInput = JsonDocument.Parse(SerializeInput()).RootElement.Clone();

        var typed = SkillRt_Typed().GetAwaiter().GetResult();
        var dynamic = SkillRt_Dynamic().GetAwaiter().GetResult();
        if (typed.Verdict != PrReviewVerdict.RequestChanges || typed.Findings.Count != 3 || typed.Findings[0].Line != 42
            || dynamic.GetProperty("findings").GetArrayLength() != 3)
        {
            throw new InvalidOperationException("SkillRt returned an unexpected output.");
        }
    }

    private async Task<(PeerPrReviewOutput Output, string? Prompt)> InvokeSemanticKernelAsync(bool returnPrompt)
    {
        var arguments = new KernelArguments
        {
            ["pr_url"] = PrUrl,
            ["focus"] = Focus,
            ["max_findings"] = MaxFindings,
            ["include_nits"] = IncludeNits,
            ["focus_step"] = FocusStep(Focus),
            ["nits_step"] = NitsStep(IncludeNits),
        };

        var result = await _kernel.InvokeAsync(_function, arguments).ConfigureAwait(false);
        var text = result.GetValue<string>() ?? throw new InvalidOperationException("Semantic Kernel returned no text.");
        var output = JsonSerializer.Deserialize(text, PeerJsonContext.Default.PeerPrReviewOutput)
            ?? throw new InvalidOperationException("Semantic Kernel returned JSON null.");
        return (output, returnPrompt ? result.RenderedPrompt : null);
    }

    private static (Kernel Kernel, KernelFunction Function) CreateSemanticKernel(IChatClient client, JsonElement schema)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddChatClient(client);
        var kernel = builder.Build();

        var config = new PromptTemplateConfig(SemanticKernelTemplate)
        {
            Name = "pr_review",
            Description = "Reviews a GitHub pull request for correctness, security and style.",
        };

        // SK's IChatClient path (PromptExecutionSettingsExtensions.ToChatOptions) maps ExtensionData
        // "response_format": the string "json_object" to ChatResponseFormat.Json (no schema), a JsonElement to
        // ChatResponseFormat.ForJsonSchema(element). (A derived PromptExecutionSettings overriding the protected
        // PrepareChatOptionsForRequest hook would avoid SK's two caught exceptions per run, but in 1.82 the format it
        // sets never reaches the client; the request check in Setup catches that.)
        config.AddExecutionSettings(new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { ["response_format"] = schema },
        });

        return (kernel, kernel.CreateFunctionFromPrompt(config));
    }

    private static ChatClientAgent CreateAgent(IChatClient client, string instructions) =>
        new(client, instructions: instructions, name: "pr-review");

    private static string SerializeInput() =>
        JsonSerializer.Serialize(
            new PeerPrReviewInput(PrUrl, Focus, MaxFindings, IncludeNits), PeerJsonContext.Default.PeerPrReviewInput);

    private static string FocusStep(string focus) =>
        focus == "all" ? FocusAllStep : FocusOneStepPrefix + focus + FocusOneStepSuffix;

    private static string NitsStep(bool includeNits) => includeNits ? NitsLine + "\n" : string.Empty;

    /// <summary>The body as <see cref="SemanticKernelTemplate"/> renders it, for the Agent Framework's instructions.</summary>
    private static string RenderBody(string prUrl, string focus, int maxFindings, bool includeNits) =>
        SemanticKernelTemplate
            .Replace("{{$pr_url}}", prUrl, StringComparison.Ordinal)
            .Replace("{{$focus_step}}", FocusStep(focus), StringComparison.Ordinal)
            .Replace("{{$max_findings}}", maxFindings.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{$nits_step}}", NitsStep(includeNits), StringComparison.Ordinal);

    /// <summary>Throws unless the SK template is the skill body line for line (bar the two if-blocks).</summary>
    private static void CheckTemplateMatchesSkill()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "pr-review.md");
        var body = SkillDocument.Parse(File.ReadAllBytes(path), "pr-review/SKILL.md").Body.ReplaceLineEndings("\n");
        var skillLines = new HashSet<string>(body.Split('\n'), StringComparer.Ordinal);

        var expected = SemanticKernelTemplate.ReplaceLineEndings("\n").Split('\n')
            .Where(line => line is not "{{$focus_step}}" and not "{{$nits_step}}")
            .Select(line => line.Replace("{{$", "{{ ", StringComparison.Ordinal).Replace("}}", " }}", StringComparison.Ordinal))
            .Concat([FocusAllStep, FocusOneStepPrefix + "{{ focus }}" + FocusOneStepSuffix, NitsLine]);

        var missing = expected.Where(line => !skillLines.Contains(line)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "The Semantic Kernel template has lines the skill body lacks:\n" + string.Join("\n", missing));
        }
    }

    private static T CheckOutput<T>(string peer, Task<(PeerPrReviewOutput Output, T Extra)> run)
    {
        var (output, extra) = run.GetAwaiter().GetResult();
        CheckOutput(peer, output);
        return extra;
    }

    private static void CheckOutput(string peer, PeerPrReviewOutput output)
    {
        if (output.Verdict != CannedChatClient.ExpectedVerdict
            || output.Findings is not { Count: CannedChatClient.ExpectedFindingCount }
            || output.Findings[0].Line != 42
            || string.IsNullOrEmpty(output.Summary))
        {
            throw new InvalidOperationException($"{peer} did not return the canned output: {output}");
        }
    }

    private static void CheckRequest(
        string peer,
        RecordingChatClient recorder,
        JsonElement schema,
        string? expectedUserText,
        string? expectedInstructions)
    {
        var options = recorder.LastOptions;
        if (options?.ResponseFormat is not ChatResponseFormatJson { Schema: { } sent }
            || !JsonElement.DeepEquals(sent, schema))
        {
            throw new InvalidOperationException(
                $"{peer} did not ask for the JSON schema response format (got {options?.ResponseFormat?.GetType().Name ?? "none"}).");
        }

        var user = recorder.LastMessages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        if (!string.Equals(user, expectedUserText, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{peer} sent an unexpected user message:\n{user}");
        }

        if (expectedInstructions is not null)
        {
            var system = options.Instructions
                ?? recorder.LastMessages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text;
            if (!string.Equals(system, expectedInstructions, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{peer} sent unexpected instructions:\n{system}");
            }
        }
    }

    /// <summary>Setup only: records the last request, to check what each peer sends.</summary>
    private sealed class RecordingChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        public IReadOnlyList<ChatMessage> LastMessages { get; private set; } = [];

        public ChatOptions? LastOptions { get; private set; }

        public override Task<ChatResponse> GetResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastMessages = [.. messages];
            LastOptions = options;
            return base.GetResponseAsync(LastMessages, options, cancellationToken);
        }
    }
}
