using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Tools.Builtin;

/// <summary>Bounded reads of files and bodies, and telling text from binary data.</summary>
internal static class TextContent
{
    // Git's heuristic: a NUL byte among the first 8000 means binary.
    private const int SniffLength = 8000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads at most <paramref name="limit"/> bytes; <c>More</c> says whether the stream had more.</summary>
    public static async Task<(byte[] Buffer, int Count, bool More)> ReadAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        // One byte past the limit tells "exactly the limit" from "more".
        var buffer = new byte[limit + 1];
        var count = 0;
        while (count < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            count += read;
        }

        return count > limit ? (buffer, limit, true) : (buffer, count, false);
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/> as text: UTF-8 (a byte order mark is dropped) unless
    /// <paramref name="encoding"/> says otherwise. False when the bytes look binary: a NUL byte, or
    /// bytes that are not UTF-8. A cut UTF-8 character at the end of a <paramref name="truncated"/>
    /// read is left out rather than shown as garbage.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, bool truncated, Encoding? encoding, out string text) =>
        TryDecode(bytes, truncated, encoding, out text, out _);

    /// <inheritdoc cref="TryDecode(ReadOnlySpan{byte}, bool, Encoding?, out string)"/>
    /// <param name="bytes">The bytes read.</param>
    /// <param name="truncated">Whether there were more.</param>
    /// <param name="encoding">The encoding declared for them, if any.</param>
    /// <param name="text">The text.</param>
    /// <param name="used">How many of <paramref name="bytes"/> the text covers: fewer when a cut character was left out.</param>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, bool truncated, Encoding? encoding, out string text, out int used)
    {
        text = string.Empty;
        used = bytes.Length;
        if (bytes[..Math.Min(bytes.Length, SniffLength)].Contains((byte)0) && encoding is not UnicodeEncoding and not UTF32Encoding)
        {
            return false;
        }

        if (encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage)
        {
            text = encoding.GetString(bytes);
            return true;
        }

        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        if (truncated)
        {
            var complete = CompleteUtf8Length(bytes);
            used -= bytes.Length - complete;
            bytes = bytes[..complete];
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>How many leading bytes hold whole UTF-8 characters: a sequence cut at the end is left out.</summary>
    private static int CompleteUtf8Length(ReadOnlySpan<byte> bytes)
    {
        // A character is at most 4 bytes, so only the last 3 can start a cut one.
        for (var back = 1; back <= Math.Min(4, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var length = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return length > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }
}
