using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt login &lt;url&gt; [--name &lt;n&gt;] [--key-stdin]</c>: checks an API key against the server
/// (<c>GET api/v1/account</c>) and only then stores it in credentials.json (mode 0600), adding the
/// server as a source if it is not one yet; the first source becomes the default. A refused key
/// stores nothing. The key comes from standard input (<c>--key-stdin</c>) or a prompt that does not echo.
/// </summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url")
        {
            Description = "The server's address (http://127.0.0.1:5480) or its service index URL (…/v3/index.json).",
        };
        var name = new Option<string?>("--name")
        {
            Description = "The source's name when the server is not a source yet; by default its host (and port).",
        };
        var keyStdin = new Option<bool>("--key-stdin")
        {
            Description = "Read the key from standard input (for scripts: echo \"$SKILLRT_KEY\" | skillrt login … --key-stdin) instead of prompting.",
        };
        var command = new Command("login", "Store an API key for a registry server, after checking it; adds the server as a source.")
        {
            url,
            name,
            keyStdin,
        };
#if SKILL_NATIVE_FRONT
        // The check is an HTTPS request: HttpClient lives in the host, as for feed installs.
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(url)!,
            parseResult.GetValue(name),
            parseResult.GetValue(keyStdin),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
#endif
        return command;
    }

    private static async Task<int> RunAsync(string urlText, string? name, bool keyStdin, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var url = RegistrySource.NormalizeUrl(urlText, out var urlProblem) ?? throw new CliException(ExitCodes.UsageError, urlProblem + ".");
        if (name is not null && RegistrySource.NameProblem(name) is { } nameProblem)
        {
            throw new CliException(ExitCodes.UsageError, $"--name: {nameProblem}.");
        }

        var configured = SkillRtConfig.Load().Sources.FindByUrl(url);
        var probe = configured ?? new RegistrySource(name ?? RegistrySource.SuggestName(url), url);
        var key = keyStdin ? await ReadStandardInputAsync(cancellationToken).ConfigureAwait(false) : await PromptAsync(probe, error, cancellationToken).ConfigureAwait(false);
        if (key.Length == 0 || key.Any(char.IsWhiteSpace) || key.Any(char.IsControl))
        {
            throw new CliException(ExitCodes.UsageError, "the key is empty or holds spaces or control characters; pass the key as the server printed it (skr_…). Nothing was stored.");
        }

        var account = await VerifyAsync(probe, key, cancellationToken).ConfigureAwait(false);

        var (source, madeDefault) = await SkillRtConfig.UpdateAsync((sources, credentials) =>
        {
            var source = sources.FindByUrl(url);
            if (source is null)
            {
                var sourceName = name ?? UniqueName(sources, RegistrySource.SuggestName(url));
                if (sources.Find(sourceName) is { } taken)
                {
                    throw new CliException(
                        ExitCodes.UsageError,
                        $"a source named '{taken.Name}' already exists for {taken.Url}; choose another --name, or remove it first with 'skillrt sources remove {taken.Name}'. Nothing was stored.");
                }

                source = new RegistrySource(sourceName, url);
                sources.Sources.Add(source);
            }

            var madeDefault = sources.Sources.Count == 1 && !string.Equals(sources.DefaultName, source.Name, StringComparison.OrdinalIgnoreCase);
            if (madeDefault)
            {
                sources.DefaultName = source.Name;
            }

            credentials.Set(source, key);
            return (source, madeDefault);
        }, cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync($"Logged in to {source} as '{account}'.").ConfigureAwait(false);
        await output.WriteLineAsync($"The key is stored in '{System.IO.Path.Combine(ConfigLocation.Resolve(), CredentialsFile.FileName)}', readable by you only.").ConfigureAwait(false);
        if (madeDefault)
        {
            await output.WriteLineAsync($"'{source.Name}' is the default source.").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>The account the key belongs to, or the server's refusal as one line (nothing stored yet).</summary>
    private static async Task<string> VerifyAsync(RegistrySource source, string key, CancellationToken cancellationToken)
    {
        using var client = new RegistryClient(source, key);
        using var account = await client.GetJsonAsync(client.Api("api/v1/account"), cancellationToken, refusalHint: _ => "nothing was stored.").ConfigureAwait(false);
        if (account?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("name", out var accountName) || accountName.ValueKind != JsonValueKind.String)
        {
            throw new CliException(ExitCodes.FeedError, $"{source} answered api/v1/account without an account name; is it a SkillRt server? Nothing was stored.");
        }

        // The key works; check the address is a registry too, so the stored source is one installs and searches can use.
        using var index = await client.GetJsonAsync(new Uri(source.Url), cancellationToken, refusalHint: _ => "the key works, but this URL is not the registry's service index; nothing was stored.").ConfigureAwait(false);
        return accountName.GetString()!;
    }

    private static async Task<string> ReadStandardInputAsync(CancellationToken cancellationToken)
    {
        // One key, one line; a key file with a trailing newline (echo, a secret mount) is the common case.
        var text = await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return text.Trim();
    }

    private static async Task<string> PromptAsync(RegistrySource source, TextWriter error, CancellationToken cancellationToken)
    {
        if (Console.IsInputRedirected)
        {
            throw new CliException(
                ExitCodes.UsageError,
                "standard input is not a terminal, so skillrt cannot prompt for the key; pipe it in with --key-stdin (echo \"$SKILLRT_KEY\" | skillrt login <url> --key-stdin).");
        }

        await error.WriteAsync($"API key for {source.ApiRoot} (input is hidden): ").ConfigureAwait(false);
        await error.FlushAsync(cancellationToken).ConfigureAwait(false);
        var key = new StringBuilder();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pressed = Console.ReadKey(intercept: true);
            if (pressed.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (pressed.Key == ConsoleKey.Backspace)
            {
                if (key.Length > 0)
                {
                    key.Length--;
                }

                continue;
            }

            if (!char.IsControl(pressed.KeyChar))
            {
                key.Append(pressed.KeyChar);
            }
        }

        await error.WriteLineAsync().ConfigureAwait(false);
        return key.ToString().Trim();
    }

    private static string UniqueName(SourcesFile sources, string name)
    {
        var candidate = name;
        for (var i = 2; sources.Find(candidate) is not null; i++)
        {
            candidate = $"{name}-{i}";
        }

        return candidate;
    }
}
