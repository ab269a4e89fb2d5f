using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Runtime.Tests.Skills;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Running;

public sealed class HostingTests
{
    private static readonly PrReviewInput Input = new(new Uri("https://github.com/contoso/app/pull/7?token=s3cret"));

    [Fact]
    public async Task AddSkillRt_registers_a_runner_over_the_registered_chat_client_with_its_options()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Invalid).Answer(PrReviewAnswers.Valid);
        var services = new ServiceCollection().AddSingleton<IChatClient>(client).AddSkillRt(options => options.MaxRepairAttempts = 0).Services;
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var runner = provider.GetRequiredService<ISkillRunner>();
        Assert.Same(runner, provider.GetRequiredService<SkillRunner>());
        await Assert.ThrowsAsync<SkillOutputException>(() => PrReviewSkill.RunAsync(runner, Input, TestContext.Current.CancellationToken));
        Assert.Single(client.Requests);
    }

    [Fact]
    public async Task Keyed_chat_client_is_used_when_named()
    {
        var other = new ScriptedChatClient();
        var skills = new ScriptedChatClient().Answer(PrReviewAnswers.Valid);
        var services = new ServiceCollection().AddSingleton<IChatClient>(other).AddKeyedSingleton<IChatClient>("skills", skills).AddSkillRt("skills").Services;
        await using var provider = services.BuildServiceProvider();

        await PrReviewSkill.RunAsync(provider.GetRequiredService<ISkillRunner>(), Input, TestContext.Current.CancellationToken);

        Assert.Single(skills.Requests);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task Missing_chat_client_is_a_clear_error()
    {
        await using var provider = new ServiceCollection().AddSkillRt().Services.BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ISkillRunner>());
        Assert.StartsWith("SkillRt runs skills on an IChatClient, and none is registered; register one first", error.Message, StringComparison.Ordinal);

        await using var keyed = new ServiceCollection().AddSingleton<IChatClient>(new ScriptedChatClient()).AddSkillRt("fast").Services.BuildServiceProvider();
        error = Assert.Throws<InvalidOperationException>(() => keyed.GetRequiredService<ISkillRunner>());
        Assert.Contains("the key 'fast'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_fail_start_up_validation()
    {
        await using var provider = new ServiceCollection()
            .AddSingleton<IChatClient>(new ScriptedChatClient())
            .AddSkillRt(options => { options.MaxRepairAttempts = -2; options.Prices.Currency = " "; })
            .Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(error.Failures, f => f.Contains("MaxRepairAttempts is -2", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Currency is blank", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runs_are_logged_without_prompts_or_outputs_unless_asked()
    {
        var sink = new LogSink();
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Invalid).Answer(PrReviewAnswers.Valid).Answer(PrReviewAnswers.Valid);
        await using (var provider = new ServiceCollection().AddSingleton<IChatClient>(client).AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Trace)).AddSkillRt().Services.BuildServiceProvider())
        {
            await PrReviewSkill.RunAsync(provider.GetRequiredService<ISkillRunner>(), Input, TestContext.Current.CancellationToken);
        }

        Assert.Contains(sink.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Skill pr-review completed in", StringComparison.Ordinal) && e.Message.Contains("2 attempt(s)", StringComparison.Ordinal));
        Assert.Contains(sink.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("output of attempt 1 broke the contract (3 violation(s))", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Entries, e => e.Message.Contains("s3cret", StringComparison.Ordinal) || e.Message.Contains("Looks fine", StringComparison.Ordinal));

        sink.Entries.Clear();
        await using (var provider = new ServiceCollection().AddSingleton<IChatClient>(client).AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Trace)).AddSkillRt(o => o.LogContents = true).Services.BuildServiceProvider())
        {
            await PrReviewSkill.RunAsync(provider.GetRequiredService<ISkillRunner>(), Input, TestContext.Current.CancellationToken);
        }

        Assert.Contains(sink.Entries, e => e.Level == LogLevel.Trace && e.Message.Contains("s3cret", StringComparison.Ordinal));
    }

    private sealed class LogSink : ILoggerProvider
    {
        public ConcurrentBag<(LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
