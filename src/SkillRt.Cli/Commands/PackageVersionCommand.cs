using System;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Versioning;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Commands;

/// <summary>
/// What the lifecycle commands share (<c>unlist</c>, <c>relist</c>, <c>deprecate</c>, <c>yank</c>,
/// <c>unyank</c>, <c>delete</c>): the <c>&lt;id&gt; &lt;version&gt;</c> arguments, <c>--source</c>,
/// <c>--json</c>, one request to <c>api/v2/package/{id}/{version}[/…]</c> with the key <c>skillrt login</c>
/// stored, and one line saying what changed.
/// </summary>
internal sealed class PackageVersionCommand
{
    private readonly Argument<string> _id = new("id") { Description = "The package ID, such as Contoso.PrReview." };
    private readonly Argument<string> _version = new("version") { Description = "The package version, such as 1.2.0." };
    private readonly Option<string?> _source = SourceOption.Create();
    private readonly JsonFormat _format = new();

    public PackageVersionCommand(string name, string description)
    {
        Command = new Command(name, description) { _id, _version, _source };
        _format.AddTo(Command);
    }

    public Command Command { get; }

    /// <summary>Sets the action: <paramref name="run"/> gets the parsed target and sends its request.</summary>
    public void SetAction(Func<ParseResult, Target, CancellationToken, Task<int>> run)
    {
#if SKILL_NATIVE_FRONT
        // HTTP requests: HttpClient lives in the host, as for feed installs.
        _ = run;
        Command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        Command.SetAction((parseResult, cancellationToken) =>
        {
            var id = parseResult.GetValue(_id)!.Trim();
            var versionText = parseResult.GetValue(_version)!.Trim();
            if (!NuGetVersion.TryParse(versionText, out var version))
            {
                throw new CliException(ExitCodes.UsageError, $"'{versionText}' is not a package version; write one such as 1.2.0 or 2.0.0-beta.1.");
            }

            return run(parseResult, new Target(id, version.ToNormalizedString(), parseResult.GetValue(_source), _format.IsJson(parseResult), parseResult.InvocationConfiguration.Output), cancellationToken);
        });
#endif
    }

    /// <summary>The version a command acts on, where, and how to report.</summary>
    internal sealed record Target(string Id, string Version, string? SourceName, bool Json, TextWriter Output)
    {
        /// <summary>
        /// Sends <paramref name="method"/> to <c>api/v2/package/{id}/{version}{suffix}</c> on the source and
        /// prints <paramref name="done"/> (text) or <c>{source, id, version, action}</c> (<c>--json</c>).
        /// </summary>
        public async Task<int> SendAsync(HttpMethod method, string suffix, byte[]? body, string action, string done, CancellationToken cancellationToken)
        {
            var config = SkillRtConfig.Load();
            var source = config.Resolve(SourceName);
            using var client = new RegistryClient(source, config.RequireKey(source));
            var path = $"api/v2/package/{Uri.EscapeDataString(Id)}/{Uri.EscapeDataString(Version)}{suffix}";
            using var _ = await client.SendAsync(method, client.Api(path), body, Hint, cancellationToken).ConfigureAwait(false);
            if (Json)
            {
                await JsonOutput.WriteAsync(Output, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("source", source.Name);
                    writer.WriteString("id", Id);
                    writer.WriteString("version", Version);
                    writer.WriteString("action", action);
                    writer.WriteEndObject();
                }).ConfigureAwait(false);
            }
            else
            {
                await Output.WriteLineAsync($"{done} on {source}.").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }

        private static string? Hint(System.Net.HttpStatusCode status) =>
            status == System.Net.HttpStatusCode.Forbidden ? "nothing was changed" : null;
    }
}
