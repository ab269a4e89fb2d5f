using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt new &lt;name&gt;</c>: writes <c>&lt;folder&gt;/&lt;name&gt;/SKILL.md</c>, a small structured skill
/// that validates as it is (one string input, a JSON output with a schema, permissions spelled out
/// as empty), so the first edit starts from something that runs.
/// </summary>
internal static class NewCommand
{
    // The rule of spec section 4.3, for the message; the check itself is the validator's.
    private const string NameRule = "a skill name is 1 to 64 characters of a-z, 0-9 and '-', with no '-' at the start or end and no '--' (spec section 4.3)";

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The skill's name, such as pr-summary; also the name of its folder." };
        var outputFolder = new Option<string?>("--output", "-o") { Description = "The folder to create the skill's folder in; the current folder by default." };
        var description = new Option<string?>("--description") { Description = "What the skill does and when to use it, in a sentence or two." };
        var command = new Command("new", "Create a new skill folder with a SKILL.md that validates and runs.")
        {
            name,
            outputFolder,
            description,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(name)!,
            parseResult.GetValue(outputFolder),
            parseResult.GetValue(description),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string name, string? outputFolder, string? description, TextWriter output, CancellationToken cancellationToken)
    {
        CheckName(name);
        var folder = Path.GetFullPath(Path.Combine(outputFolder ?? Environment.CurrentDirectory, name));
        var file = Path.Combine(folder, "SKILL.md");
        var text = Render(name, description ?? $"Describe what {name} does and when an agent should use it; agents choose skills by this sentence.");

        // What is written must validate: the template is fixed, so only the description can break it.
        var errors = SkillValidator.Validate(SkillDocument.Parse(text, file)).Diagnostics.Where(d => d.Severity == SkillDiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new CliException(ExitCodes.UsageError, $"the new skill would be invalid: {string.Join("; ", errors.Select(e => e.Message))}; change --description and try again.");
        }

        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
        {
            throw new CliException(ExitCodes.UsageError, $"'{folder}' already exists and is not empty; choose another name, or another folder with --output.");
        }

        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(file, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot create '{file}': {exception.Message}; check the folder's permissions or choose another with --output.", exception.ToString(), exception);
        }

        var shown = Display(folder);
        await output.WriteLineAsync($"Created {Path.Combine(shown, "SKILL.md")}: skill '{name}' 0.1.0 with one string input and a JSON output.").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Next:").ConfigureAwait(false);
        await output.WriteLineAsync($"  edit the instructions, inputs and output schema in {Path.Combine(shown, "SKILL.md")}").ConfigureAwait(false);
        await output.WriteLineAsync($"  skillrt validate {Quote(shown)}").ConfigureAwait(false);
        await output.WriteLineAsync($"  skillrt run {Quote(shown)} --input input=\"some text to work on\"").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    // The spec's own rule, the one the validator applies to `name:` (SKILL0102), worded the same way.
    private static void CheckName(string name)
    {
        if (NameRules.CheckSkillName(name) is { } problem)
        {
            throw new CliException(ExitCodes.UsageError, $"The name '{name}' is invalid: {problem}; {NameRule}.");
        }
    }

    private static string Render(string name, string description) => $$"""
        ---
        name: {{name}}
        version: 0.1.0
        description: {{Yaml(description)}}
        # Each input is a key of the inputs object ('skillrt run {{name}} --input input=…') and a variable in
        # the instructions below. Types: string, number, integer, boolean, file, url, json.
        inputs:
          - name: input
            type: string
            required: true
            description: The text the skill works on.
        # The answer must match this JSON Schema; an answer that does not is sent back to be fixed.
        outputs:
          type: json
          schema:
            type: object
            required: [summary, points]
            additionalProperties: false
            properties:
              summary:
                type: string
                description: The result in one or two sentences.
              points:
                type: array
                description: The details behind the summary, one per item.
                items:
                  type: string
        # What the skill may reach when it runs. Nothing is allowed until it is listed (spec section 8):
        #   network: [api.github.com]                       hosts it may connect to
        #   filesystem: [{path: ./docs/**, access: read}]   paths it may read (or read-write)
        #   env: [GITHUB_TOKEN]                             environment variables it may read
        permissions:
          network: []
          filesystem: []
          env: []
        ---
        # {{Title(name)}}

        Read the text below and summarize it.

        {{"{{ input }}"}}

        Answer with a `summary` of one or two sentences and the `points` that support it, most
        important first.

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    // Plain YAML when that reads back as the same text; otherwise a double-quoted scalar, whose
    // escapes are a superset of JSON's.
    private static string Yaml(string text)
    {
        var plain = text.Length > 0
            && char.IsAsciiLetter(text[0])
            && text == text.Trim()
            && text.IndexOfAny(['\n', '\r', '\t', '#', '\'', '"', '\\']) < 0
            && !text.Contains(": ", StringComparison.Ordinal)
            && !text.EndsWith(':')
            && text.ToLowerInvariant() is not ("true" or "false" or "yes" or "no" or "on" or "off" or "null" or "y" or "n");
        return plain ? text : DoubleQuoted(text);
    }

    private static string DoubleQuoted(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private static string Title(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..].Replace('-', ' ');

    // Paths under the current folder are shown relative to it, as the user would type them.
    private static string Display(string folder)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, folder);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? folder : relative;
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? "\"" + path + "\"" : path;
}
