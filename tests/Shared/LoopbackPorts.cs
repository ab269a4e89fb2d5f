using System;
using System.Net;
using System.Net.Sockets;

namespace SkillRt.Tests;

/// <summary>
/// Loopback ports for tests, without the race of "bind port 0, read the number, release it, use it
/// later": under load another process can take the number in between, and the test then meets a
/// stranger's server (a "closed" port that answers) or cannot listen ("address in use").
/// </summary>
internal static class LoopbackPorts
{
    /// <summary>
    /// A loopback port that refuses connections for as long as the returned socket lives: bound, so
    /// the system hands it to no one else, and not listening, so a connection to it is refused.
    /// </summary>
    public static Socket ReserveClosed(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // Without this, Linux may give the same number to another socket's bind(0) when both ask to
        // reuse addresses: a bound socket that does not listen does not block them.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    /// <summary>
    /// Starts <paramref name="listener"/> on <c>http://127.0.0.1:{port}/</c> for a free port and returns
    /// that prefix. HttpListener cannot bind port 0, so a free number is picked, and picked again when
    /// another process took it first: the outcome never depends on who wins that race.
    /// </summary>
    public static string StartHttpListener(HttpListener listener)
    {
        for (var attempt = 1; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var prefix = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return prefix;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                // Taken in between: forget this prefix and pick another number.
                listener.Prefixes.Remove(prefix);
            }
        }
    }
}
