using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Install;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// Progress on a terminal (issue 15 item 9), tested under a real pseudo-terminal (<see cref="TerminalSession"/>):
/// the status line appears on stderr while work runs, is wiped before anything else is printed, never
/// reaches stdout, and is absent when stderr is redirected, with TERM=dumb, or with --quiet.
/// </summary>
public sealed class TerminalProgressTests : IClassFixture<SkillLibraryFeed>, IAsyncDisposable
{
    private const int ManySkills = 60;
    private const string Summary = "60 skills checked: 60 valid skills, 0 errors, 0 warnings.";
    private const string Review = """{"summary":"Adds a retry loop.","verdict":"comment","findings":[]}""";

    private static readonly string PrReview = Path.Combine(TestPaths.Examples, "pr-review");

    private readonly SkillLibraryFeed _feed;
    private readonly ModelServerCli _session = new();

    public TerminalProgressTests(SkillLibraryFeed feed) => _feed = feed;

    private SkillCli Cli => _session.Cli;

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task Validate_of_a_large_folder_counts_files_on_the_terminal_and_leaves_only_its_report()
    {
        Assert.SkipUnless(TerminalSession.IsAvailable, "needs Linux and util-linux's script for a pseudo-terminal");
        WriteManySkills();

        var (exitCode, received) = await TerminalSession.RunAsync(Cli, "validate", "many");

        Assert.True(exitCode == 0, received);
        Assert.Contains($"\rvalidating 1 of {ManySkills} files: ", received, StringComparison.Ordinal);
        Assert.Equal(Summary + "\n", TerminalSession.Screen(received));
    }

    [Fact]
    public async Task Redirected_dumb_or_quiet_validate_prints_no_progress()
    {
        Assert.SkipUnless(TerminalSession.IsAvailable, "needs Linux and util-linux's script for a pseudo-terminal");
        WriteManySkills();

        // Redirected (a pipe): exactly the report, and nothing on stderr.
        var redirected = await Cli.RunAsync("validate", "many");
        Assert.Equal(0, redirected.ExitCode);
        Assert.Equal(Summary + "\n", redirected.Output);
        Assert.Empty(redirected.Error);

        // A terminal that cannot redraw a line, and --quiet: the same bytes, through the pty's \r\n.
        Cli.Environment["TERM"] = "dumb";
        var dumb = await TerminalSession.RunAsync(Cli, "validate", "many");
        Assert.Equal(Summary + "\r\n", StripTerminalSetup(dumb.Received));

        Cli.Environment["TERM"] = "xterm";
        var quiet = await TerminalSession.RunAsync(Cli, "validate", "many", "--quiet");
        Assert.Equal(Summary + "\r\n", StripTerminalSetup(quiet.Received));
    }

    [Fact]
    public async Task Progress_never_reaches_stdout_even_when_stderr_is_a_terminal()
    {
        Assert.SkipUnless(TerminalSession.IsAvailable, "needs Linux and util-linux's script for a pseudo-terminal");
        WriteManySkills();
        var json = Path.Combine(Cli.WorkingDirectory, "out.json");

        using (var session = TerminalSession.StartWithStdoutTo(Cli, json, "validate", "many", "--format", "json"))
        {
            var (exitCode, received) = await session.CompleteAsync();
            Assert.True(exitCode == 0, received);
            Assert.Contains("validating 1 of", received, StringComparison.Ordinal);
            Assert.Equal(string.Empty, TerminalSession.Screen(received));
        }

        var redirected = await Cli.RunAsync("validate", "many", "--format", "json");
        Assert.Equal(redirected.Output, File.ReadAllText(json));
    }

    [Fact]
    public async Task Install_from_a_feed_shows_what_it_resolves_then_only_the_installed_line()
    {
        Assert.SkipUnless(TerminalSession.IsAvailable, "needs Linux and util-linux's script for a pseudo-terminal");
        _feed.WriteNuGetConfig(Cli.WorkingDirectory);

        var (exitCode, received) = await TerminalSession.RunAsync(Cli, "install", "release-notes@^0.2");

        Assert.True(exitCode == 0, received);
        Assert.Contains("\rresolving release-notes on 'skills' (", received, StringComparison.Ordinal);
        Assert.Equal($"Installed release-notes 0.2.0 to {Cli.StoreEntry("release-notes", "0.2.0")}\n", TerminalSession.Screen(received));
    }

    [Fact]
    public async Task Run_shows_a_spinner_while_the_model_thinks_and_the_attempt_after_a_repair()
    {
        Assert.SkipUnless(TerminalSession.IsAvailable, "needs Linux and util-linux's script for a pseudo-terminal");
        var server = await StartServerAsync();
        var repairSent = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.EnqueueCompletion("not the JSON the contract asks for");
        server.Enqueue(ScriptedReply.Hang(repairSent));

        using var session = TerminalSession.Start(Cli, "run", PrReview, "--input", "pr_url=https://github.com/octo/repo/pull/7");

        await session.WaitForAsync(" waiting for the model... 0s");
        await repairSent.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        await session.WaitForAsync(" attempt 2 (repair 1): waiting for the model... ");
    }

    [Fact]
    public async Task Run_on_a_terminal_wipes_its_status_before_printing_the_output_and_report()
    {
        Assert.SkipUnless(TerminalSession.IsAvailable, "needs Linux and util-linux's script for a pseudo-terminal");
        var server = await StartServerAsync();
        server.EnqueueCompletion(Review);

        var (exitCode, received) = await TerminalSession.RunAsync(Cli, "run", PrReview, "--input", "pr_url=https://github.com/octo/repo/pull/7");

        Assert.True(exitCode == 0, received);
        Assert.Contains("waiting for the model... ", received, StringComparison.Ordinal);
        var screen = TerminalSession.Screen(received).TrimEnd('\n').Split('\n');
        Assert.Equal("{", screen[0]);
        Assert.StartsWith("ran pr-review@1.2.0: 1 attempt, ", screen[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(screen, line => line.Contains("waiting", StringComparison.Ordinal));
    }

    // .NET turns on the keypad mode of a terminal it writes to (ESC [?1h ESC =); it is not output.
    private static string StripTerminalSetup(string received) => received.Replace("\u001b[?1h\u001b=", string.Empty, StringComparison.Ordinal);

    private void WriteManySkills()
    {
        foreach (var i in Enumerable.Range(1, ManySkills))
        {
            Cli.WriteFile($"many/s{i}/SKILL.md", $"---\nname: s{i}\ndescription: Skill {i}.\n---\nDo it.\n");
        }
    }

    private Task<OpenAIChatServer> StartServerAsync() => _session.StartServerAsync();
}
