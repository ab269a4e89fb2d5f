using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkillRt.Execution;
using SkillRt.Hosting;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Runtime.Tests.Skills;
using SkillRt.Sandboxing;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Running;

/// <summary>
/// How a runner is put together: from a container, where every part can be replaced and executors
/// added through the builder, or with <see cref="SkillRunner.Create"/>, where the runner owns its parts.
/// </summary>
public sealed class CompositionTests
{
    private static readonly PrReviewInput Input = new(new Uri("https://github.com/contoso/app/pull/7"));

    private static SkillDefinition Echo() => SkillDefinition.Parse("""
        ---
        name: shout
        description: Says the text back in capitals.
        tags: [echo]
        inputs:
          - name: text
            type: string
            required: true
        outputs:
          type: text
        ---
        Say {{ text }} back.
        """);

    private static SkillDefinition Fetcher() => SkillDefinition.Parse("""
        ---
        name: fetcher
        description: Reads a page.
        permissions:
          network: [docs.example.com]
        ---
        Read the page you are given.
        """);

    [Fact]
    public async Task An_executor_added_through_the_builder_runs_the_skills_it_claims_and_the_model_runs_the_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Valid);
        var echo = new EchoExecutor();
        var services = new ServiceCollection().AddSingleton<IChatClient>(client);
        services.AddSkillRt().AddSkillExecutor(echo);
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var runner = provider.GetRequiredService<ISkillRunner>();

        var result = await runner.RunAsync(Echo(), JsonDocument.Parse("""{"text":"hello"}""").RootElement, cancellationToken: ct);

        Assert.Equal("HELLO", result.Output.GetString());
        Assert.Equal("shout", result.Report.SkillName);
        Assert.Equal(1, result.Report.Attempts);
        Assert.Null(result.Report.ModelId);
        Assert.Empty(client.Requests);

        // The runner checks the input before any executor sees it.
        var error = await Assert.ThrowsAsync<SkillInputException>(() => runner.RunAsync(Echo(), JsonDocument.Parse("{}").RootElement, cancellationToken: ct));
        Assert.Contains(error.Violations, v => v.Message.Contains("text", StringComparison.Ordinal));
        Assert.Equal(1, echo.Runs);

        // A skill the executor does not claim goes to SkillRt's own model executor.
        await PrReviewSkill.RunAsync(runner, Input, ct);
        Assert.Single(client.Requests);
        Assert.Equal(1, echo.Runs);
    }

    [Fact]
    public async Task An_executor_type_added_through_the_builder_is_built_by_the_container_with_its_services()
    {
        var client = new ScriptedChatClient();
        var services = new ServiceCollection().AddSingleton<IChatClient>(client).AddSingleton(new Prefix("echo: "));
        services.AddSkillRt().AddSkillExecutor<PrefixingExecutor>().AddSkillExecutor<PrefixingExecutor>();
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var result = await provider.GetRequiredService<ISkillRunner>().RunAsync(Echo(), JsonDocument.Parse("""{"text":"hi"}""").RootElement, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("echo: hi", result.Output.GetString());
        Assert.Single(provider.GetServices<ISkillExecutor>(), e => e is PrefixingExecutor);
        Assert.Empty(client.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_fetch_url_handler_can_be_replaced_through_the_container_before_or_after_AddSkillRt(bool before)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await OpenAIChatServer.StartAsync(ct);
        server.EnqueueToolCall("fetch_url", """{"url":"https://docs.example.com/guide"}""", id: "call_1").EnqueueCompletion("The guide says hello.");
        var handler = new RecordingHandler();
        var services = new ServiceCollection().AddSingleton(server.CreateChatClient());
        if (before)
        {
            services.AddKeyedSingleton<HttpMessageHandler>(SkillRtServiceKeys.FetchUrlHandler, handler);
        }

        services.AddSkillRt();
        if (!before)
        {
            services.AddKeyedSingleton<HttpMessageHandler>(SkillRtServiceKeys.FetchUrlHandler, handler);
        }

        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var result = await provider.GetRequiredService<ISkillRunner>().RunAsync(Fetcher(), "read https://docs.example.com/guide", cancellationToken: ct);

        Assert.Equal("The guide says hello.", result.Output.GetString());
        Assert.Equal(new Uri("https://docs.example.com/guide"), Assert.Single(handler.Requests));
        var toolResult = Assert.Single(server.Requests[1].Messages, m => m.Role == "tool");
        Assert.Contains("from the test handler", toolResult.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_registered_before_AddSkillRt_is_the_one_process_skills_run_in()
    {
        var ct = TestContext.Current.CancellationToken;
        var skill = SkillDefinition.Parse("""
            ---
            name: copy
            description: Writes its input back.
            runtime:
              type: process
              command: [cat]
            inputs:
              - name: text
                type: string
                required: true
            outputs:
              type: json
              schema: {type: object}
            ---
            Copies.
            """);
        // Its own logger tells it apart: the one AddSkillRt would build logs to the runner's log, which is nowhere here.
        var sandboxLog = new EventSignalLogger(200);
        var services = new ServiceCollection().AddSingleton<IChatClient>(new ScriptedChatClient());
        services.AddSingleton(new ProcessSandbox(requireSandbox: false, sandboxLog));
        services.AddSkillRt();
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var result = await provider.GetRequiredService<ISkillRunner>().RunAsync(skill, JsonDocument.Parse("""{"text":"hi"}""").RootElement, cancellationToken: ct);

        Assert.Equal("hi", result.Output.GetProperty("text").GetString());
        Assert.True(sandboxLog.Logged.IsCompletedSuccessfully);
        Assert.StartsWith("Skill copy: starting cat", await sandboxLog.Logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_container_disposes_the_parts_it_built_once_and_the_runner_disposes_none_of_them()
    {
        var handler = new RecordingHandler();
        var services = new ServiceCollection().AddSingleton<IChatClient>(new ScriptedChatClient().Answer(PrReviewAnswers.Valid));
        services.AddSkillRt();
        // Built by the container through a factory, so the container owns it.
        services.AddKeyedSingleton<HttpMessageHandler>(SkillRtServiceKeys.FetchUrlHandler, (_, _) => handler);
        var provider = services.BuildServiceProvider(validateScopes: true);
        var runner = provider.GetRequiredService<SkillRunner>();
        await PrReviewSkill.RunAsync(runner, Input, TestContext.Current.CancellationToken);

        await runner.DisposeAsync();
        Assert.Equal(0, handler.Disposals);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => PrReviewSkill.RunAsync(runner, Input, TestContext.Current.CancellationToken));

        var sandbox = provider.GetRequiredService<ProcessSandbox>();
        await provider.DisposeAsync();
        Assert.Equal(1, handler.Disposals);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sandbox.RunAsync(new SandboxedProcessStart { SkillName = "after", Program = "true", WorkingDirectory = "/" }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_container_disposed_without_await_releases_the_parts_too()
    {
        var handler = new RecordingHandler();
        var services = new ServiceCollection().AddSingleton<IChatClient>(new ScriptedChatClient());
        services.AddSkillRt();
        services.AddKeyedSingleton<HttpMessageHandler>(SkillRtServiceKeys.FetchUrlHandler, (_, _) => handler);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<ISkillRunner>();

        // Every part it built is IDisposable as well, so this does not throw for an IAsyncDisposable-only service.
        provider.Dispose();

        Assert.Equal(1, handler.Disposals);
    }

    [Fact]
    public async Task Create_builds_a_working_runner_in_one_line_and_logs_through_the_factory()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Invalid).Answer(PrReviewAnswers.Valid);
        var logs = new ConcurrentQueue<(string Category, string Message)>();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new QueueLoggerProvider(logs)).SetMinimumLevel(LogLevel.Debug));

        await using var runner = SkillRunner.Create(client, new SkillRunnerOptions { MaxRepairAttempts = 1 }, loggerFactory);
        var result = await PrReviewSkill.RunWithReportAsync(runner, Input, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Report.Attempts);
        Assert.Equal(2, client.Requests.Count);
        Assert.Contains(logs, l => l.Category == "SkillRt.SkillRunner" && l.Message.StartsWith("Skill pr-review completed in", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>("options", () => SkillRunner.Create(client, new SkillRunnerOptions { MaxTurns = 0 }));
        Assert.Throws<ArgumentNullException>("chatClient", () => SkillRunner.Create(null!));
    }

    private sealed class EchoExecutor : ISkillExecutor
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public bool CanExecute(SkillDescriptor skill) => skill.Tags.Contains("echo");

        public Task<TOutput> ExecuteAsync<TInput, TOutput>(SkillExecution<TInput, TOutput> execution, CancellationToken cancellationToken)
            where TInput : notnull
        {
            Interlocked.Increment(ref _runs);
            var text = execution.Input.GetProperty("text").GetString()!.ToUpperInvariant();
            return execution.Contract.TryReadOutput(text, out var output, out var violations)
                ? Task.FromResult(output)
                : throw new SkillOutputException(text, violations, execution.Descriptor.Name);
        }
    }

    private sealed record Prefix(string Text);

    private sealed class PrefixingExecutor(Prefix prefix) : ISkillExecutor
    {
        public bool CanExecute(SkillDescriptor skill) => skill.Tags.Contains("echo");

        public Task<TOutput> ExecuteAsync<TInput, TOutput>(SkillExecution<TInput, TOutput> execution, CancellationToken cancellationToken)
            where TInput : notnull
        {
            var text = prefix.Text + execution.Input.GetProperty("text").GetString();
            Assert.True(execution.Contract.TryReadOutput(text, out var output, out _));
            return Task.FromResult(output);
        }
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        private int _disposals;

        public ConcurrentQueue<Uri> Requests { get; } = new();

        public int Disposals => Volatile.Read(ref _disposals);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("from the test handler") });
        }

        protected override void Dispose(bool disposing)
        {
            Interlocked.Increment(ref _disposals);
            base.Dispose(disposing);
        }
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<(string Category, string Message)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(logs, categoryName);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<(string Category, string Message)> logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue((category, formatter(state, exception)));
        }
    }
}
