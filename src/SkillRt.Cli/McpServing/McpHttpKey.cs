using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace SkillRt.Cli.McpServing;

/// <summary>
/// The key a client of <c>skillrt mcp serve --http</c> sends as <c>Authorization: Bearer &lt;key&gt;</c>:
/// 32 random bytes, read from or written to a file only the user can read (it is never printed, so it
/// stays out of terminal scroll-back and CI logs), and compared in constant time.
/// </summary>
internal sealed class McpHttpKey
{
    private const string Prefix = "skillrt_mcp_";

    private readonly byte[] _expected;

    private McpHttpKey(string value, string file, bool temporary)
    {
        Value = value;
        File = file;
        IsTemporary = temporary;
        _expected = Encoding.UTF8.GetBytes("Bearer " + value);
    }

    /// <summary>The key.</summary>
    public string Value { get; }

    /// <summary>The file that holds it.</summary>
    public string File { get; }

    /// <summary>Whether the file is this server's own, deleted at exit.</summary>
    public bool IsTemporary { get; }

    /// <summary>
    /// The key in <paramref name="keyFile"/> (created with a new key when missing), or a new key in a
    /// temporary file when no file is named.
    /// </summary>
    public static McpHttpKey Open(string? keyFile)
    {
        if (keyFile is null)
        {
            var folder = Directory.CreateTempSubdirectory("skillrt-mcp-").FullName;
            var path = Path.Combine(folder, "key");
            return Write(path, temporary: true);
        }

        var full = Path.GetFullPath(keyFile);
        if (!System.IO.File.Exists(full))
        {
            return Write(full, temporary: false);
        }

        var value = System.IO.File.ReadAllText(full).Trim();
        if (value.Length < 16)
        {
            throw new CliException(ExitCodes.UsageError, $"--key-file '{keyFile}' holds {(value.Length == 0 ? "no key" : "a key shorter than 16 characters")}; delete it to have a new random key written there, or put a longer one in it.");
        }

        return new McpHttpKey(value, full, temporary: false);
    }

    /// <summary>Whether an <c>Authorization</c> header carries the key, compared in constant time.</summary>
    public bool Accepts(string? authorization) =>
        authorization is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization.Trim()), _expected);

    /// <summary>Deletes the file when it is this server's own.</summary>
    public void DeleteIfTemporary()
    {
        if (!IsTemporary)
        {
            return;
        }

        try
        {
            Directory.Delete(Path.GetDirectoryName(File)!, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder, which the system cleans.
        }
    }

    private static McpHttpKey Write(string path, bool temporary)
    {
        var value = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(value);
        }

        return new McpHttpKey(value, path, temporary);
    }
}
