using System;
using Microsoft.Data.Sqlite;

namespace SkillRt.Memory.Sqlite;

/// <summary>SQLite errors as MEM0013 with what to do, so callers never see a raw database exception.</summary>
internal static class SqliteFailures
{
    public static MemoryException ToMemoryException(SqliteException exception, string path, TimeSpan busyTimeout)
    {
        var message = exception.SqliteErrorCode switch
        {
            5 or 6 => $"The memory store '{path}' stayed locked by another writer for longer than {busyTimeout.TotalSeconds:0.#} s (SkillMemoryOptions.BusyTimeout). Retry, or raise the timeout.",
            8 => $"The memory store '{path}' is read-only here. Check the file's and folder's permissions.",
            11 or 26 => $"'{path}' is not a SkillRt memory store or is damaged ({exception.Message}). Point DatabasePath at another file, or restore this one from a backup.",
            13 => $"The disk holding the memory store '{path}' is full. Free space and retry; nothing was written.",
            14 => $"The memory store '{path}' cannot be opened ({exception.Message}). Check that the folder exists and is writable.",
            _ => $"The memory store '{path}' failed: {exception.Message}. Nothing was written by the failed operation.",
        };
        return new MemoryException(MemoryErrorCodes.StoreUnavailable, message, innerException: exception);
    }
}
