using System;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Registry.Tests;

/// <summary>
/// A small DNS responder on 127.0.0.1 (UDP, a port the system picks) for the domain verification tests:
/// it parses the question and answers TXT records from a dictionary, NXDOMAIN for names it does not
/// know, and nothing at all for names it was told to ignore (so the client times out). Written by hand
/// from RFC 1035 (header, question, resource records), because a test must not depend on real DNS.
/// </summary>
internal sealed class TestDnsServer : IAsyncDisposable
{
    private const ushort TypeTxt = 16;
    private const ushort ClassIn = 1;

    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ConcurrentDictionary<string, string[]> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _ignored = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _questions = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TestDnsServer() => _loop = Task.Run(ServeAsync);

    /// <summary>Where the responder listens, as the server's <c>DnsServers</c> setting takes it.</summary>
    public string Address => ((IPEndPoint)_socket.Client.LocalEndPoint!).ToString();

    /// <summary>Every name asked about, in order.</summary>
    public IReadOnlyCollection<string> Questions => _questions;

    /// <summary>Answers TXT queries for <paramref name="name"/> with one record per value.</summary>
    public void SetTxt(string name, params string[] values) => _records[name.TrimEnd('.')] = values;

    /// <summary>Never answers queries for <paramref name="name"/>; the task completes when one arrives.</summary>
    public Task Ignore(string name) => _ignored.GetOrAdd(name.TrimEnd('.'), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var received = await _socket.ReceiveAsync(_stop.Token);
            if (Answer(received.Buffer) is { } answer)
            {
                await _socket.SendAsync(answer, received.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1)
        {
            return null;
        }

        // The question's name: length-prefixed labels up to a zero byte (queries carry no compression).
        var labels = new List<string>();
        var offset = 12;
        while (offset < query.Length && query[offset] != 0)
        {
            var length = query[offset];
            if (length > 63 || offset + 1 + length > query.Length)
            {
                return null;
            }

            labels.Add(Encoding.ASCII.GetString(query, offset + 1, length));
            offset += 1 + length;
        }

        var questionEnd = offset + 1 + 4;
        if (questionEnd > query.Length)
        {
            return null;
        }

        var name = string.Join('.', labels);
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(offset + 1));
        _questions.Enqueue(name);
        if (_ignored.TryGetValue(name, out var seen))
        {
            seen.TrySetResult();
            return null;
        }

        var known = _records.TryGetValue(name, out var values);
        var answers = known && type == TypeTxt ? values! : [];
        var response = new List<byte>(512);
        var requestFlags = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(2));
        // QR, the request's opcode and RD, RA; RCODE 3 (NXDOMAIN) for an unknown name.
        var flags = (ushort)(0x8000 | (requestFlags & 0x7900) | 0x0080 | (known ? 0 : 3));
        Add16(response, BinaryPrimitives.ReadUInt16BigEndian(query));
        Add16(response, flags);
        Add16(response, 1);
        Add16(response, (ushort)answers.Length);
        Add16(response, 0);
        Add16(response, 0);
        response.AddRange(query.AsSpan(12, questionEnd - 12).ToArray());
        foreach (var value in answers)
        {
            var data = new List<byte>();
            var bytes = Encoding.UTF8.GetBytes(value);
            for (var i = 0; i < bytes.Length || i == 0; i += 255)
            {
                var chunk = Math.Min(255, bytes.Length - i);
                data.Add((byte)chunk);
                data.AddRange(bytes.AsSpan(i, chunk).ToArray());
            }

            Add16(response, 0xC00C); // A pointer to the question's name.
            Add16(response, TypeTxt);
            Add16(response, ClassIn);
            Add16(response, 0);
            Add16(response, 60); // TTL 60 s.
            Add16(response, (ushort)data.Count);
            response.AddRange(data);
        }

        return [.. response];
    }

    private static void Add16(List<byte> bytes, int value)
    {
        bytes.Add((byte)(value >> 8));
        bytes.Add((byte)value);
    }
}
