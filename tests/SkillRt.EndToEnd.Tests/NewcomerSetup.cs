using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>
/// What a newcomer does before writing any code, done once for <see cref="NewcomerTests"/>: a fresh
/// copy of the committed repository, the README's two packs into a folder feed, the <c>skillrt</c>
/// tool installed from that feed, and a new console app outside the repository that references the
/// packed SkillRt and keeps a skill, a README and a CHANGELOG side by side under
/// <c>&lt;SkillFile Include="*.md" /&gt;</c>. Every command is read from the docs of the copy (the setup
/// fails if they stop saying it) and run with only the changes a test needs, each said where it is made.
/// </summary>
public sealed class NewcomerSetup : IAsyncLifetime
{
    /// <summary>The feed folder as the docs write it; the setup uses a temporary folder instead.</summary>
    private const string DocumentedFeed = "~/skillrt-packages";

    private readonly string _root = Directory.CreateTempSubdirectory("skillrt-newcomer-").FullName;
    private readonly List<string> _timings = [];

    /// <summary>The fresh copy: the commit checked out in the repository under test, without its bin/ and obj/.</summary>
    public string Clone => Path.Combine(_root, "repo");

    public string Feed => Path.Combine(_root, "skillrt-packages");

    public string ToolPath => Path.Combine(_root, "tools");

    /// <summary>The new console app, made with <c>dotnet new console</c> outside the repository.</summary>
    public string App => Path.Combine(_root, "Triage");

    /// <summary>The installed command, as <c>--tool-path</c> puts it.</summary>
    public string Skillrt => Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "skillrt.exe" : "skillrt");

    /// <summary>The commit the copy was made from.</summary>
    public string Commit { get; private set; } = string.Empty;

    /// <summary>The version a plain pack of the copy makes (its Directory.Build.props), which the README references.</summary>
    public string DocumentedVersion { get; private set; } = string.Empty;

    /// <summary>The version the packs are given instead, so the NuGet cache never serves an older pack (see <see cref="InitializeAsync"/>).</summary>
    public string Version { get; private set; } = string.Empty;

    /// <summary>How long each step took, for the test log.</summary>
    public IReadOnlyList<string> Timings => _timings;

    /// <summary>
    /// What every <c>skillrt</c> run sees: a store of its own, none of the caller's model settings, and
    /// the dotnet this test runs on for the tool's apphost (a newcomer's dotnet is found the same way,
    /// through DOTNET_ROOT or its default place).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ToolEnvironment => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["SKILLRT_HOME"] = Path.Combine(_root, "skillrt-home"),
        ["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
        ["SKILLRT_MODEL"] = null,
        ["SKILLRT_TIMEOUT"] = null,
        ["OPENAI_BASE_URL"] = null,
        ["OPENAI_API_KEY"] = null,
    };

    public async ValueTask InitializeAsync()
    {
        await TimeAsync("copy the committed repository", CopyRepositoryAsync);

        var readme = File.ReadAllText(Path.Combine(Clone, "README.md"));
        var cliDoc = File.ReadAllText(Path.Combine(Clone, "docs", "cli.md"));
        var msbuildDoc = File.ReadAllText(Path.Combine(Clone, "docs", "msbuild.md"));

        // The README's project file references the version a plain pack makes; if the two drift, a
        // newcomer's restore finds nothing (or something else), so that is checked before anything runs.
        DocumentedVersion = Regex.Match(File.ReadAllText(Path.Combine(Clone, "Directory.Build.props")), "<VersionPrefix>([^<]+)</VersionPrefix>").Groups[1].Value;
        var readmeReference = Regex.Match(readme, """<PackageReference Include="SkillRt" Version="([^"]+)" />""");
        Assert.True(readmeReference.Success, "README.md no longer shows <PackageReference Include=\"SkillRt\" Version=\"…\" />: update the newcomer tests to do what it says now.");
        Assert.True(
            readmeReference.Groups[1].Value == DocumentedVersion,
            $"README.md references SkillRt {readmeReference.Groups[1].Value}, but a plain pack makes {DocumentedVersion} (VersionPrefix in Directory.Build.props): make them agree.");

        // Why not the documented version itself: packs of other commits share it, and NuGet's global
        // packages folder keeps the first package of each version it restores, so a second run of this
        // test (or a newcomer's earlier pack) would be served instead of this commit's. Every run gets a
        // version of its own; the commands are otherwise the docs' own.
        Version = DocumentedVersion + "-newcomer." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

        foreach (var pack in (string[])[
            "dotnet pack src/SkillRt.Runtime -c Release -o ~/skillrt-packages",
            "dotnet pack src/SkillRt.Cli -c Release -o ~/skillrt-packages"])
        {
            var arguments = Documented(readme, "README.md", pack);
            if (pack.Contains("SkillRt.Cli", StringComparison.Ordinal))
            {
                AssertDocumented(cliDoc, "docs/cli.md", pack);
            }

            await TimeAsync(pack, () => DotnetAsync(Clone, [.. arguments, "-p:PackageVersion=" + Version]));
        }

        // -g becomes --tool-path (docs/cli.md offers it for one project or a CI job), so the test never
        // touches the user's global tools; --version, because a prerelease is only installed when named.
        const string Install = "dotnet tool install -g SkillRt.Cli --add-source ~/skillrt-packages";
        AssertDocumented(cliDoc, "docs/cli.md", Install);
        List<string> install = [];
        foreach (var word in Documented(readme, "README.md", Install))
        {
            install.AddRange(word == "-g" ? ["--tool-path", ToolPath] : [word]);
        }

        install.AddRange(["--version", Version]);
        await TimeAsync("dotnet tool install SkillRt.Cli --tool-path", () => DotnetAsync(Clone, [.. install]));

        await TimeAsync("the new console app", () => CreateAppAsync(readme, msbuildDoc));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);

        // This run's version is used by nobody else: drop it from the global packages folder so runs do not pile up there.
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in (string[])["skillrt", "skillrt.cli"])
        {
            var folder = Path.Combine(globalPackages, id, Version.ToLowerInvariant());
            if (Version.Length > 0 && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the installed <c>skillrt</c> in <paramref name="directory"/> with <see cref="ToolEnvironment"/>.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunSkillrtAsync(string directory, params string[] arguments) =>
        ChildProcess.RunAsync(Skillrt, directory, ToolEnvironment, arguments);

    /// <summary>
    /// The committed HEAD of the repository under test, fetched into an empty repository: what a clone
    /// gets, without the build output (or uncommitted edits) of the working tree. Fetching the commit
    /// itself also works when HEAD is detached, as in CI checkouts.
    /// </summary>
    private async Task CopyRepositoryAsync()
    {
        var (exitCode, output, error) = await GitAsync(TestPaths.RepositoryRoot, "rev-parse", "HEAD");
        Assert.True(exitCode == 0, $"{TestPaths.RepositoryRoot} is not a git work tree ({error.Trim()}): the newcomer tests copy the committed repository with git.");
        Commit = output.Trim();

        Directory.CreateDirectory(Clone);
        foreach (var git in (string[][])[
            ["init", "--quiet"],
            ["remote", "add", "origin", TestPaths.RepositoryRoot],
            ["fetch", "--quiet", "--depth", "1", "origin", Commit],
            ["checkout", "--quiet", "--detach", "FETCH_HEAD"]])
        {
            (exitCode, output, error) = await GitAsync(Clone, git);
            Assert.True(exitCode == 0, $"git {string.Join(' ', git)} failed in {Clone}:\n{output}{error}");
        }
    }

    private async Task CreateAppAsync(string readme, string msbuildDoc)
    {
        Assert.False(
            App.StartsWith(TestPaths.RepositoryRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            $"The temporary folder {App} is inside the repository, whose Directory.Build.props would apply to the new app; set TMPDIR to a folder outside it.");
        Directory.CreateDirectory(App);
        await DotnetAsync(App, ["new", "console"]);

        // The README adds the feed to the user's NuGet.Config; the same command with --configfile adds it
        // to the app's own, so the test leaves the user's sources alone and still sees the machine's.
        File.WriteAllText(Path.Combine(App, "nuget.config"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources />\n</configuration>\n");
        await DotnetAsync(App, [.. Documented(readme, "README.md", "dotnet nuget add source ~/skillrt-packages --name skillrt-local"), "--configfile", Path.Combine(App, "nuget.config")]);

        // The README's reference (with this run's version) and the glob docs/msbuild.md shows for a
        // project whose skills sit beside its README and CHANGELOG.
        const string SkillFiles = """<SkillFile Include="*.md" />""";
        AssertDocumented(msbuildDoc, "docs/msbuild.md", SkillFiles);
        var project = Path.Combine(App, "Triage.csproj");
        var text = File.ReadAllText(project);
        var end = text.LastIndexOf("</Project>", StringComparison.Ordinal);
        Assert.True(end >= 0, "dotnet new console made a project file without </Project>:\n" + text);
        File.WriteAllText(project, text[..end] + $"""
              <ItemGroup>
                <PackageReference Include="SkillRt" Version="{Version}" />
                {SkillFiles}
              </ItemGroup>

            </Project>

            """);

        File.WriteAllText(Path.Combine(App, "triage.md"), NewcomerApp.Skill);
        File.WriteAllText(Path.Combine(App, "README.md"), NewcomerApp.Readme);
        File.WriteAllText(Path.Combine(App, "CHANGELOG.md"), NewcomerApp.Changelog);
        File.WriteAllText(Path.Combine(App, "Program.cs"), NewcomerApp.Program);
    }

    /// <summary>The command as the docs write it, split into dotnet's arguments, with the test's feed folder.</summary>
    private string[] Documented(string doc, string docName, string command)
    {
        AssertDocumented(doc, docName, command);
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("dotnet", words[0]);
        return Array.ConvertAll(words[1..], word => word == DocumentedFeed ? Feed : word);
    }

    /// <summary>Fails the setup when a doc stops saying what the setup does, so the test follows the docs and not an old copy of them.</summary>
    internal static void AssertDocumented(string doc, string docName, string text) =>
        Assert.True(doc.Contains(text, StringComparison.Ordinal), $"{docName} no longer says `{text}`: update the newcomer tests to do what it says now.");

    private static async Task DotnetAsync(string directory, string[] arguments)
    {
        var (exitCode, output) = await DotnetCli.RunAsync(directory, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} failed in {directory}:\n{output}");
    }

    private static Task<(int ExitCode, string Output, string Error)> GitAsync(string directory, params string[] arguments) =>
        ChildProcess.RunAsync("git", directory, new Dictionary<string, string?>(), arguments);

    private async Task TimeAsync(string step, Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        _timings.Add($"{clock.Elapsed.TotalSeconds,6:F1} s  {step}");
    }
}
