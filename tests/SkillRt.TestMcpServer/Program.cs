using System;
using System.Globalization;
using System.IO;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SkillRt.TestMcpServer;

// Tests count starts: every process appends its id to the file this variable names, before anything else.
if (Environment.GetEnvironmentVariable("SKILLRT_TEST_MCP_STARTED") is { Length: > 0 } startedFile)
{
    File.AppendAllText(startedFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + Environment.NewLine);
}

switch (args)
{
    case ["--hang"]:
        // A server that never answers, not even to a closed input: only a kill ends it.
        Thread.Sleep(Timeout.Infinite);
        return 0;
    case ["--exit", var code]:
        // A server that dies before initializing, with something on standard error.
        Console.Error.WriteLine("test server: exiting as asked");
        return int.Parse(code, CultureInfo.InvariantCulture);
}

// The empty builder adds no console logging: standard output carries the protocol and nothing else.
var builder = Host.CreateEmptyApplicationBuilder(settings: null);
builder.Services
    .AddMcpServer(options => options.ServerInfo = new() { Name = "skillrt-test", Version = "1.0.0" })
    .WithStdioServerTransport()
    .WithTools<TestTools>();
await builder.Build().RunAsync().ConfigureAwait(false);
return 0;
