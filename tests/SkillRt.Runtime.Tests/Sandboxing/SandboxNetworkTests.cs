using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SkillRt.Sandboxing;
using Xunit;

namespace SkillRt.Runtime.Tests.Sandboxing;

/// <summary>
/// <c>permissions.network</c> under bubblewrap: nothing listed is no network, <c>*</c> is the host's
/// network, a host list goes through the allowlisting proxy only.
/// </summary>
public sealed class SandboxNetworkTests
{
    // Connects straight to a loopback port, then asks for two URLs through whatever proxy is set.
    private const string ConnectScript = """
        port=$1 other=$2
        if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "direct=connected"; else echo "direct=refused"; fi
        if [ -n "$other" ]; then
          echo "allowed=$(curl -s -w ' %{http_code}' http://127.0.0.1:$port/path?q=1)"
          echo "denied=$(curl -s -w '%{http_code}' http://127.0.0.1:$other/ | tr '\n' ' ')"
          echo "proxy=$http_proxy no_proxy=${no_proxy-unset}"
        fi
        """;

    [Fact]
    public async Task Without_network_permission_a_host_port_cannot_be_reached()
    {
        SandboxTools.RequireBubblewrap();
        await using var server = new LoopbackHttpServer();
        using var folder = new SandboxTestFolder();
        folder.Script("connect.sh", ConnectScript);
        await using var sandbox = SandboxTools.Sandboxed();

        var result = await sandbox.RunAsync(Start(folder, SkillPermissions.None, server.Port), TestContext.Current.CancellationToken);

        Assert.Equal(SandboxKind.Bubblewrap, result.Sandbox);
        Assert.Equal("direct=refused\n", result.StandardOutput);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task With_network_star_the_host_network_is_shared()
    {
        SandboxTools.RequireBubblewrap();
        await using var server = new LoopbackHttpServer();
        using var folder = new SandboxTestFolder();
        folder.Script("connect.sh", ConnectScript);
        await using var sandbox = SandboxTools.Sandboxed();

        var result = await sandbox.RunAsync(Start(folder, new SkillPermissions { Network = ["*"] }, server.Port), TestContext.Current.CancellationToken);

        Assert.Equal("direct=connected\n", result.StandardOutput);
        Assert.True(await SandboxTools.EventuallyAsync(() => server.Connections == 1, SandboxTools.Patience));
    }

    [Fact]
    public async Task With_a_host_list_only_listed_hosts_are_reached_through_the_proxy()
    {
        SandboxTools.RequireBubblewrap();
        Assert.SkipWhen(SandboxTools.Socat is null, "socat is not installed (apt-get install socat)");
        Assert.SkipWhen(SandboxTools.Curl is null, "curl is not installed");
        await using var allowed = new LoopbackHttpServer();
        await using var other = new LoopbackHttpServer();
        using var folder = new SandboxTestFolder();
        folder.Script("connect.sh", ConnectScript);
        var logger = new RecordingLogger();
        await using var sandbox = SandboxTools.Sandboxed(logger);
        var permissions = new SkillPermissions { Network = ["127.0.0.1:" + allowed.Port.ToString(CultureInfo.InvariantCulture)], Environment = ["no_proxy"] };
        var previous = Environment.GetEnvironmentVariable("no_proxy");
        Environment.SetEnvironmentVariable("no_proxy", "127.0.0.1");
        SandboxedProcessResult result;
        try
        {
            result = await sandbox.RunAsync(Start(folder, permissions, allowed.Port, other.Port), TestContext.Current.CancellationToken);
        }
        finally
        {
            Environment.SetEnvironmentVariable("no_proxy", previous);
        }

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("direct=refused", lines[0]);
        Assert.Equal("allowed=hello from the host 200", lines[1]);
        Assert.Equal($"denied=Skill 'net' may not connect to 127.0.0.1:{other.Port}: permissions.network does not list it. 403", lines[2]);
        Assert.Equal("proxy=http://127.0.0.1:3128 no_proxy=unset", lines[3]);
        Assert.StartsWith("GET /path?q=1 HTTP/1.1\r\n", allowed.LastRequest, StringComparison.Ordinal);
        Assert.DoesNotContain("Proxy-Connection", allowed.LastRequest, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, other.Connections);
        Assert.Equal(1, result.DeniedConnections);
        Assert.Contains(logger.Entries, entry => entry.Id.Id == 203 && entry.Message.Contains($"127.0.0.1:{other.Port}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_socat_a_host_list_means_no_network_or_a_refusal_when_a_sandbox_is_required()
    {
        SandboxTools.RequireBubblewrap();
        await using var server = new LoopbackHttpServer();
        using var folder = new SandboxTestFolder();
        folder.Script("connect.sh", ConnectScript);
        var permissions = new SkillPermissions { Network = ["127.0.0.1"] };
        var logger = new RecordingLogger();

        await using (var lenient = new ProcessSandbox(requireSandbox: false, logger, SandboxTools.Bubblewrap, socatPath: null))
        {
            var result = await lenient.RunAsync(Start(folder, permissions, server.Port), TestContext.Current.CancellationToken);
            Assert.Equal("direct=refused\n", result.StandardOutput);
            Assert.Contains(logger.Entries, entry => entry.Id.Id == 204 && entry.Message.Contains("install socat", StringComparison.Ordinal));
        }

        await using var strict = new ProcessSandbox(requireSandbox: true, logger, SandboxTools.Bubblewrap, socatPath: null);
        var error = await Assert.ThrowsAsync<SkillSandboxException>(() => strict.RunAsync(Start(folder, permissions, server.Port), TestContext.Current.CancellationToken));
        Assert.Contains("needs socat", error.Message, StringComparison.Ordinal);
        Assert.Contains("UnsafeAllowUnsandboxedProcesses", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Connections);
    }

    private static SandboxedProcessStart Start(SandboxTestFolder folder, SkillPermissions permissions, int port, int? otherPort = null) => new()
    {
        SkillName = "net",
        Program = "bash",
        Arguments = [folder.Skill + "/scripts/connect.sh", port.ToString(CultureInfo.InvariantCulture), otherPort?.ToString(CultureInfo.InvariantCulture) ?? string.Empty],
        WorkingDirectory = folder.Work,
        SkillDirectory = folder.Skill,
        Permissions = permissions,
        StandardInput = Encoding.UTF8.GetBytes("{}"),
        Timeout = TimeSpan.FromSeconds(20),
    };
}
