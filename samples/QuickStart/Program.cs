using System;
using System.ClientModel;
using System.IO;
using System.Net.Http;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using QuickStart.Skills;
using SkillRt;
using SkillRt.Testing;

// Every SKILL.md under skills/ was validated when this app was built (a broken one fails
// `dotnet build` at its line) and compiled into typed C# by the SkillRt source generator.
Console.WriteLine($"SkillRt QuickStart: {SkillCatalog.Descriptors.Count} skills, validated and compiled at build time");
foreach (var skill in SkillCatalog.Descriptors)
{
    Console.WriteLine($"  {skill.Name} {skill.Version} ({skill.Runtime.Type.ToWireName()}, output {skill.OutputType.ToWireName()})");
    Console.WriteLine($"    {skill.Description}");
}

Console.WriteLine();

// The model: any OpenAI-compatible endpoint when OPENAI_BASE_URL is set (OpenAI, Azure OpenAI, Ollama,
// vLLM, …); otherwise scripted answers replayed from a file, so the sample runs offline and for free.
IChatClient model;
if (Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } baseUrl)
{
    if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
    {
        return Fail($"OPENAI_BASE_URL is '{baseUrl}', which is not an http or https URL such as https://api.openai.com/v1.");
    }

    var modelName = Environment.GetEnvironmentVariable("SKILLRT_MODEL") is { Length: > 0 } name ? name : "gpt-4.1-mini";
    var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 } key ? key : "none"; // local servers need none
    model = new ChatClient(modelName, new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = endpoint }).AsIChatClient();
    Console.WriteLine($"Using the model at {endpoint} ({modelName})");

    if (Environment.GetEnvironmentVariable("SKILLRT_RECORD") is { Length: > 0 } recordTo)
    {
        // Writes every exchange to a file that ReplayChatClient can replay, like replays/pr-review.json.
        model = new RecordingChatClient(model, recordTo);
        Console.WriteLine($"Recording the exchanges to {Path.GetFullPath(recordTo)}");
    }
}
else
{
    var replay = Path.Combine(AppContext.BaseDirectory, "replays", "pr-review.json");
    try
    {
        model = new ReplayChatClient(await ChatRecording.LoadAsync(replay));
    }
    catch (Exception e) when (e is IOException or ChatRecordingException)
    {
        return Fail(e.Message);
    }

    Console.WriteLine("No OPENAI_BASE_URL set: replaying the scripted answers in replays/pr-review.json (set OPENAI_BASE_URL, OPENAI_API_KEY and SKILLRT_MODEL to use a real model)");
}

// One runner per model. Prices are per million tokens and only used to estimate each run's cost.
var options = new SkillRunnerOptions();
options.Prices.Add("gpt-4.1-mini", new ModelPrice(inputPerMillionTokens: 0.40m, outputPerMillionTokens: 1.60m));
// The runner owns the MCP servers and processes it starts for skills; dispose it when done.
await using var runner = SkillRunner.Create(model, options);

// The input is a record with one property per input; required inputs are constructor arguments.
var input = new PrReviewInput(new Uri("https://github.com/dotnet/runtime/pull/1")) { Focus = PrReviewFocus.Correctness };
Console.WriteLine($"Running pr-review on {input.PrUrl} (focus: {input.Focus})");
Console.WriteLine();

// The runner renders the skill's instructions, asks the model for JSON matching the output schema,
// sends an answer that breaks the schema back with every problem, and returns the typed output.
SkillRunResult<PrReviewOutput> result;
try
{
    result = await PrReviewSkill.RunWithReportAsync(runner, input);
}
catch (SkillException e)
{
    // The input was invalid, or every answer broke the output schema, even after the repairs.
    return Fail(e.Message);
}
catch (Exception e) when (e is ClientResultException or HttpRequestException or AggregateException or InvalidOperationException)
{
    // The endpoint is unreachable or refused the call (the OpenAI client retries first), or the replay ran out.
    return Fail("The model failed: " + (e is AggregateException { InnerExceptions: [var first, ..] } ? first.Message : e.Message));
}

var review = result.Output;
Console.WriteLine($"Verdict: {review.Verdict}");
Console.WriteLine($"Summary: {review.Summary}");
foreach (var finding in review.Findings)
{
    Console.WriteLine($"  {finding.Severity,-8} {finding.File}{(finding.Line is { } line ? $":{line}" : "")}: {finding.Message}");
}

var report = result.Report;
var tokens = report.InputTokens is { } tokensIn && report.OutputTokens is { } tokensOut ? $"tokens {tokensIn} in + {tokensOut} out" : "tokens not reported";
var cost = report.EstimatedCost is { } amount ? $"estimated cost {amount:0.0000} {options.Prices.Currency}" : "no price for this model";
Console.WriteLine();
Console.WriteLine($"Report: attempts {report.Attempts}, repairs {report.Repairs.Count}, model {report.ModelId}, {tokens}, {report.Duration.TotalSeconds:0.00} s, {cost}");
foreach (var repair in report.Repairs)
{
    foreach (var violation in repair.Violations)
    {
        Console.WriteLine($"  attempt {repair.Attempt} was sent back: {violation}");
    }
}

return 0;

// One clear line on stderr and a non-zero exit code; no stack trace.
static int Fail(string message)
{
    Console.Error.WriteLine(string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    return 1;
}
