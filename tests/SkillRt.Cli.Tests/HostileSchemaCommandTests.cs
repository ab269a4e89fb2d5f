using System;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// Issue 14, items 5 and 6, as the probe attacked them through the command line: a pattern that
/// backtracks catastrophically hung <c>skillrt run</c>, and a cyclic <c>$ref</c> was "valid" to
/// <c>skillrt validate</c> yet crashed <c>skillrt run</c> with exit 70.
/// </summary>
public sealed class HostileSchemaCommandTests : IDisposable
{
    private const string Hostile = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_cyclic_ref_gets_the_same_error_from_validate_and_run()
    {
        var skill = _cli.WriteFile("cyclic/SKILL.md", """
            ---
            name: cyclic
            version: 1.0.0
            description: Definitions that only refer to each other.
            runtime:
              type: process
              command: [cat]
            inputs:
              - name: owner
                type: json
                schema:
                  $defs:
                    person: {$ref: '#/$defs/human'}
                    human: {$ref: '#/$defs/person'}
                  $ref: '#/$defs/person'
            outputs:
              type: json
            ---
            Echo.
            """);

        var validate = await _cli.RunAsync("validate", skill);
        var run = await _cli.RunAsync("run", skill, "--inputs", """{"owner":{}}""");

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("(13,24): error SKILL0405: Cyclic $ref at 'inputs[0].schema/$defs/person/$ref'", validate.Output + validate.Error, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("(13,24): error SKILL0405: Cyclic $ref", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catastrophic_pattern_on_an_input_is_a_prompt_input_error()
    {
        WriteEcho("{type: string, pattern: '^(a+)+$'}", "{type: object}");

        var result = await _cli.RunAsync("run", "echo", "--inputs", $$"""{"word":"{{Hostile}}"}""");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("/word", result.Error, StringComparison.Ordinal);
        Assert.Contains("does not match the pattern ^(a+)+$", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catastrophic_pattern_on_the_output_is_a_prompt_run_failure()
    {
        WriteEcho("{type: string}", "{type: object, properties: {word: {type: string, pattern: '^(a+)+$'}}}");

        var result = await _cli.RunAsync("run", "echo", "--inputs", $$"""{"word":"{{Hostile}}"}""");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("/word", result.Error, StringComparison.Ordinal);
        Assert.Contains("does not match the pattern ^(a+)+$", result.Error, StringComparison.Ordinal);
    }

    private void WriteEcho(string inputSchema, string outputSchema) => _cli.WriteFile("echo/SKILL.md", $$"""
        ---
        name: echo
        version: 1.0.0
        description: Answers with its own input object.
        runtime:
          type: process
          command: [cat]
        inputs:
          - name: word
            type: json
            required: true
            schema: {{inputSchema}}
        outputs:
          type: json
          schema: {{outputSchema}}
        ---
        Echo the input.
        """);
}
