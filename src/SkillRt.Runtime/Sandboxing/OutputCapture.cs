using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace SkillRt.Sandboxing;

/// <summary>
/// Drains a process's output pipe to its end while keeping only a bounded part of it: the start of
/// standard output (what the skill answered) or the end of standard error (where the reason for a
/// failure usually is). Draining everything matters: a process blocked on a full pipe never exits.
/// </summary>
internal static class OutputCapture
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>Reads <paramref name="stream"/> to its end, keeping its first <paramref name="maxBytes"/> bytes.</summary>
    public static async Task<(string Text, bool Truncated)> ReadHeadAsync(Stream stream, int maxBytes)
    {
        var kept = new MemoryStream();
        var truncated = false;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize)).ConfigureAwait(false)) > 0)
            {
                var room = (int)Math.Max(0, maxBytes - kept.Length);
                if (read > room)
                {
                    truncated = true;
                }

                kept.Write(buffer, 0, Math.Min(read, room));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length), truncated);
    }

    /// <summary>Reads <paramref name="stream"/> to its end, keeping its last <paramref name="maxBytes"/> bytes.</summary>
    public static async Task<string> ReadTailAsync(Stream stream, int maxBytes)
    {
        var ring = new byte[maxBytes];
        long total = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize)).ConfigureAwait(false)) > 0)
            {
                for (var offset = 0; offset < read;)
                {
                    var position = (int)(total % maxBytes);
                    var count = Math.Min(read - offset, maxBytes - position);
                    Buffer.BlockCopy(buffer, offset, ring, position, count);
                    offset += count;
                    total += count;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (total <= maxBytes)
        {
            return Encoding.UTF8.GetString(ring, 0, (int)total);
        }

        var start = (int)(total % maxBytes);
        var ordered = new byte[maxBytes];
        Buffer.BlockCopy(ring, start, ordered, 0, maxBytes - start);
        Buffer.BlockCopy(ring, 0, ordered, maxBytes - start, start);

        // The cut can fall inside a character; its continuation bytes would decode as garbage.
        var skip = 0;
        while (skip < ordered.Length && skip < 3 && (ordered[skip] & 0xC0) == 0x80)
        {
            skip++;
        }

        return Encoding.UTF8.GetString(ordered, skip, ordered.Length - skip);
    }
}
