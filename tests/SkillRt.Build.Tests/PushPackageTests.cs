using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Build.Tests;

public sealed class PushPackageTests
{
    /// <summary>
    /// A refused connection to a port such as 40123 once read as "not authorized", because the
    /// port number in the socket's message contains "401".
    /// </summary>
    [Fact]
    public void A_refused_connection_is_unreachable_whatever_the_port_number_says()
    {
        using var closed = BindClosedPortContaining("401");
        var port = ((IPEndPoint)closed.LocalEndPoint!).Port;
        var package = Path.Combine(Directory.CreateTempSubdirectory().FullName, "Demo.Skills.1.0.0.nupkg");
        File.WriteAllBytes(package, []);
        var engine = new RecordingBuildEngine();
        var feed = $"http://127.0.0.1:{port}/v3/index.json";
        var task = new PushPackage { BuildEngine = engine, PackagePath = package, Source = feed, ApiKey = "k", TimeoutSeconds = 30 };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("SKILL0803", error.Code);
        Assert.StartsWith($"SkillRt could not reach the feed '{feed}'", error.Message, StringComparison.Ordinal);
    }

    // Bound and not listening: connections are refused, and no other socket can take the number meanwhile.
    private static Socket BindClosedPortContaining(string digits)
    {
        foreach (var port in Enumerable.Range(1024, 65535 - 1024).Where(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture).Contains(digits, StringComparison.Ordinal)))
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return socket;
            }
            catch (SocketException)
            {
                socket.Dispose();
            }
        }

        throw new InvalidOperationException($"No free loopback port contains {digits}.");
    }
}
