using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary><c>skillrt info</c>: the manifest as text for people and as one JSON document for scripts.</summary>
public sealed class InfoCommandTests : IDisposable
{
    private const string Deploy = """
        ---
        name: deploy-preview
        version: 0.3.0-beta.1
        description: Deploys a preview of a branch.
        authors: [Ada, Grace]
        license: Apache-2.0
        tags: [ci]
        runtime:
          model: {id: gpt-4.1, temperature: 0.2}
        inputs:
          - name: branch
            required: true
          - name: settings
            type: json
            default: {replicas: 1}
            schema: {type: object}
        dependencies:
          tools: [git, kubectl]
          mcp-servers: [github]
          skills: [lint@^2.0, notify]
          agent-docs:
            - kubernetes
            - doc: github@^1.1
              operations: [pulls/create, pulls/merge]
        permissions:
          network: ["*.example.com", "api.github.com:443"]
          filesystem:
            - ./deploy/**
            - path: ./src/**
              access: read
          env: [KUBECONFIG]
        ---
        Deploy {{ branch }}.
        """;

    private static readonly string PrReview = Path.Combine(TestPaths.Examples, "pr-review");

    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Text_shows_metadata_inputs_output_schema_and_permissions()
    {
        var result = await _cli.RunAsync("info", PrReview);

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = result.Output;
        Assert.StartsWith("pr-review 1.2.0\n  Reviews a GitHub pull request for correctness, security and style, and returns structured findings with a severity for each.\n\n", text, StringComparison.Ordinal);
        Assert.Contains($"File:     {Path.Combine(PrReview, "SKILL.md")}\n", text, StringComparison.Ordinal);
        Assert.Contains("Runtime:  markdown-skill (needs SkillRt 0.2.0 or later)\n", text, StringComparison.Ordinal);
        Assert.Contains("License:  MIT\n", text, StringComparison.Ordinal);
        Assert.Contains("Tags:     code-review, github\n", text, StringComparison.Ordinal);
        Assert.Contains(
            """
            Inputs:
            NAME          TYPE     REQUIRED  DEFAULT  DESCRIPTION
            pr_url        url      yes                The pull request to review, such as https://github.com/owner/repo/pull/42.
            focus         string   no        "all"    Which aspect to concentrate on. One of: correctness, security, style, all.
            max_findings  integer  no        20       The most findings to report.
            include_nits  boolean  no        false

            """,
            text,
            StringComparison.Ordinal);
        Assert.Contains("Output: json, with this schema:\n{\n  \"type\": \"object\",\n  \"required\": [\n", text, StringComparison.Ordinal);
        Assert.Contains("\"enum\": [\n", text, StringComparison.Ordinal);
        Assert.Contains("Dependencies: none\n", text, StringComparison.Ordinal);
        Assert.EndsWith(
            """
            Permissions:
              network:      github.com, patch-diff.githubusercontent.com
              filesystem:   ./** (read)
              env:          GITHUB_TOKEN

            """,
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_one_document_with_the_schemas_as_json()
    {
        var result = await _cli.RunAsync("info", PrReview, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.Equal("pr-review", root.GetProperty("name").GetString());
        Assert.Equal("1.2.0", root.GetProperty("version").GetString());
        Assert.Equal("structured", root.GetProperty("mode").GetString());
        Assert.Equal(Path.Combine(PrReview, "SKILL.md"), root.GetProperty("path").GetString());
        Assert.Equal("markdown-skill", root.GetProperty("runtime").GetProperty("type").GetString());
        Assert.Equal("0.2.0", root.GetProperty("runtime").GetProperty("minVersion").GetString());
        var inputs = root.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(["pr_url", "focus", "max_findings", "include_nits"], inputs.Select(i => i.GetProperty("name").GetString()));
        Assert.True(inputs[0].GetProperty("required").GetBoolean());
        Assert.Equal("all", inputs[1].GetProperty("default").GetString());
        Assert.Equal(["correctness", "security", "style", "all"], inputs[1].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(20, inputs[2].GetProperty("default").GetInt32());
        Assert.Equal(JsonValueKind.False, inputs[3].GetProperty("default").ValueKind);
        Assert.Equal(["pr_url"], root.GetProperty("inputSchema").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var output = root.GetProperty("output");
        Assert.Equal("json", output.GetProperty("type").GetString());
        Assert.Equal(["summary", "verdict", "findings"], output.GetProperty("schema").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var permissions = root.GetProperty("permissions");
        Assert.Equal("read", permissions.GetProperty("filesystem")[0].GetProperty("access").GetString());
        Assert.Equal("GITHUB_TOKEN", permissions.GetProperty("env")[0].GetString());
        Assert.Equal(0, root.GetProperty("dependencies").GetProperty("skills").GetArrayLength());
    }

    [Fact]
    public async Task Dependencies_permissions_and_model_hints_are_listed()
    {
        _cli.WriteFile("deploy-preview/SKILL.md", Deploy);

        var text = await _cli.RunAsync("info", "deploy-preview");
        var json = await _cli.RunAsync("info", "deploy-preview", "--format", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.StartsWith("deploy-preview 0.3.0-beta.1\n", text.Output, StringComparison.Ordinal);
        Assert.Contains("Model hint:  gpt-4.1, temperature 0.2\n", text.Output, StringComparison.Ordinal);
        Assert.Contains("Authors:     Ada, Grace\n", text.Output, StringComparison.Ordinal);
        Assert.Contains("settings  json    no        {\"replicas\":1}\n", text.Output, StringComparison.Ordinal);
        Assert.Contains("Output: text\n", text.Output, StringComparison.Ordinal);
        Assert.Contains(
            """
            Dependencies:
              tools:        git, kubectl
              mcp-servers:  github
              skills:       lint@^2.0, notify
              agent-docs:   kubernetes, github@^1.1 (pulls/create, pulls/merge)

            Permissions:
              network:      *.example.com, api.github.com:443
              filesystem:   ./deploy/** (read-write), ./src/** (read)
              env:          KUBECONFIG

            """,
            text.Output,
            StringComparison.Ordinal);

        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        var root = document.RootElement;
        var dependencies = root.GetProperty("dependencies");
        Assert.Equal(["git", "kubectl"], dependencies.GetProperty("tools").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["github"], dependencies.GetProperty("mcpServers").EnumerateArray().Select(e => e.GetString()));
        var skills = dependencies.GetProperty("skills").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("range").GetString())).ToList();
        Assert.Equal([("lint", "^2.0"), ("notify", "*")], skills);
        var agentDocs = dependencies.GetProperty("agentDocs").EnumerateArray()
            .Select(d => (d.GetProperty("name").GetString(), d.GetProperty("range").GetString(), string.Join(" ", d.GetProperty("operations").EnumerateArray().Select(o => o.GetString()))))
            .ToList();
        Assert.Equal([("kubernetes", "*", ""), ("github", "^1.1", "pulls/create pulls/merge")], agentDocs);
        Assert.Equal("read-write", root.GetProperty("permissions").GetProperty("filesystem")[0].GetProperty("access").GetString());
        Assert.Equal(1, root.GetProperty("inputs")[1].GetProperty("default").GetProperty("replicas").GetInt32());
        Assert.Equal("object", root.GetProperty("inputs")[1].GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal(0.2, root.GetProperty("runtime").GetProperty("model").GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("output").GetProperty("schema").ValueKind);
        Assert.Equal(0, root.GetProperty("memory").GetProperty("kinds").GetArrayLength());
        Assert.DoesNotContain("Memory:", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_kinds_and_grants_are_listed()
    {
        _cli.WriteFile("rtt-notes/SKILL.md", """
            ---
            name: rtt-notes
            description: Records what it learns about the RTT API.
            version: 1.0.0
            memory:
              kinds:
                rtt-note:
                  description: A finding about the RTT API.
                  schema: {type: object, required: [summary]}
              read: [acme/payments, {namespace: acme/shared/*, kinds: [rtt-note, page]}]
              write: [{namespace: acme/payments, kinds: [rtt-note]}]
            ---
            Record what you learn.
            """);

        var text = await _cli.RunAsync("info", "rtt-notes");
        var json = await _cli.RunAsync("info", "rtt-notes", "--format", "json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.EndsWith(
            """
            Memory:
              kinds:        rtt-note
              read:         acme/payments (every kind), acme/shared/* (rtt-note, page)
              write:        acme/payments (rtt-note)

            """,
            text.Output,
            StringComparison.Ordinal);

        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        var memory = document.RootElement.GetProperty("memory");
        var kind = Assert.Single(memory.GetProperty("kinds").EnumerateArray());
        Assert.Equal("rtt-note", kind.GetProperty("name").GetString());
        Assert.Equal("A finding about the RTT API.", kind.GetProperty("description").GetString());
        Assert.Equal("summary", kind.GetProperty("schema").GetProperty("required")[0].GetString());
        var read = memory.GetProperty("read").EnumerateArray().Select(g => (g.GetProperty("namespace").GetString(), g.GetProperty("kinds").GetArrayLength())).ToList();
        Assert.Equal([("acme/payments", 0), ("acme/shared/*", 2)], read);
        Assert.Equal("rtt-note", memory.GetProperty("write")[0].GetProperty("kinds")[0].GetString());
    }

    [Fact]
    public async Task An_installed_skill_is_found_by_name()
    {
        var folder = _cli.StoreEntry("deploy-preview", "0.3.0-beta.1");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "SKILL.md"), Deploy);

        var result = await _cli.RunAsync("info", "deploy-preview@0.3.0-beta.1", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal(Path.Combine(folder, "SKILL.md"), document.RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_prose_skill_and_a_skill_without_inputs_say_so()
    {
        var prose = await _cli.RunAsync("info", Path.Combine(TestPaths.Examples, "commit-style"));
        var task = await _cli.RunAsync("info", Path.Combine(TestPaths.Examples, "csv-summary"));

        Assert.True(prose.ExitCode == 0, prose.ToString());
        Assert.StartsWith("commit-style (prose skill: no frontmatter", prose.Output, StringComparison.Ordinal);
        Assert.True(task.ExitCode == 0, task.ToString());
        Assert.Contains("Inputs: none declared; it runs on a task in words: skillrt run csv-summary --task \"…\"\n", task.Output, StringComparison.Ordinal);
        Assert.Contains("Compatibility:  Requires Python 3.9 or later; no third-party packages.\n", task.Output, StringComparison.Ordinal);
        Assert.Contains("Permissions: none (no network host, file or environment variable may be reached)\n", task.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_skill_exits_three()
    {
        var result = await _cli.RunAsync("info", "nothing-here");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("skillrt: no skill 'nothing-here' is installed", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Theory]
    [InlineData("./missing")]
    [InlineData("missing.md")]
    [InlineData("skills/missing")]
    public async Task A_path_that_does_not_exist_is_a_usage_error_not_a_bad_skill_name(string path)
    {
        var result = await _cli.RunAsync("info", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"skillrt: '{path}' does not exist; pass a skill folder, a SKILL.md file, or name[@range] of an installed skill.\n", result.Error);
    }
}
