using System;
using System.ComponentModel;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SkillRt.TestMcpServer;

/// <summary>Deterministic tools, one per behaviour the MCP client has to handle.</summary>
[McpServerToolType]
public sealed class TestTools
{
    /// <summary>Structured output with an output schema: <c>{ "sum": a + b }</c>.</summary>
    [McpServerTool(Name = "add", UseStructuredContent = true), Description("Adds two numbers.")]
    public static AddResult Add([Description("The first number.")] double a, [Description("The second number.")] double b) => new(a + b);

    /// <summary>Text only: the text as given, so tests can hand back any text or JSON.</summary>
    [McpServerTool(Name = "echo"), Description("Returns the text as given.")]
    public static string Echo([Description("The text to return.")] string text) => text;

    /// <summary>A tool error (<c>isError: true</c>) with the message.</summary>
    [McpServerTool(Name = "fail"), Description("Always fails with the message.")]
    public static CallToolResult Fail([Description("The error message.")] string message = "the tool failed on purpose") =>
        new() { IsError = true, Content = [new TextContentBlock { Text = message }] };

    /// <summary>Waits, so tests can time out and cancel calls.</summary>
    [McpServerTool(Name = "slow"), Description("Waits the given number of milliseconds, then answers.")]
    public static async Task<string> SlowAsync([Description("How long to wait.")] int ms, CancellationToken cancellationToken)
    {
        await Task.Delay(ms, cancellationToken).ConfigureAwait(false);
        return "waited " + ms.ToString(CultureInfo.InvariantCulture) + " ms";
    }

    /// <summary>An environment variable of the server process, or the empty string.</summary>
    [McpServerTool(Name = "env"), Description("Returns an environment variable of the server process.")]
    public static string Env([Description("The variable's name.")] string name) => Environment.GetEnvironmentVariable(name) ?? string.Empty;

    /// <summary>Ends the server process in the middle of the call, as a crashing server would.</summary>
    [McpServerTool(Name = "exit"), Description("Ends the server process with the exit code.")]
    public static string Exit([Description("The exit code.")] int code)
    {
        Console.Error.WriteLine("test server: exiting in a call");
        Environment.Exit(code);
        return "unreachable";
    }

    /// <summary>The server's working directory.</summary>
    [McpServerTool(Name = "cwd"), Description("Returns the server's working directory.")]
    public static string Cwd() => Environment.CurrentDirectory;
}
