using System;
using System.Globalization;

namespace SkillRt.Cli.Install;

/// <summary>
/// How much a package may unpack to. A .nupkg is untrusted input, and a deflated entry can expand a
/// thousandfold (a 1 MB archive can hold a 1 GiB file), so the bytes an entry actually decompresses
/// to are counted as they stream, never taken from the archive's headers, and unpacking stops at the
/// first byte over a limit. The defaults are far above any real skill; each can be raised with an
/// environment variable for a package the user trusts.
/// </summary>
/// <param name="MaxFileBytes">The most one file of a skill may unpack to.</param>
/// <param name="MaxTotalBytes">The most all the files installed from one package may unpack to together.</param>
/// <param name="MaxEntries">The most entries the package's zip archive may have.</param>
internal sealed record PackageLimits(long MaxFileBytes, long MaxTotalBytes, int MaxEntries)
{
    /// <summary>Overrides <see cref="MaxFileBytes"/> (default 64 MiB).</summary>
    public const string MaxFileBytesVariable = "SKILLRT_PACKAGE_MAX_FILE_BYTES";

    /// <summary>Overrides <see cref="MaxTotalBytes"/> (default 256 MiB).</summary>
    public const string MaxTotalBytesVariable = "SKILLRT_PACKAGE_MAX_BYTES";

    /// <summary>Overrides <see cref="MaxEntries"/> (default 10,000).</summary>
    public const string MaxEntriesVariable = "SKILLRT_PACKAGE_MAX_ENTRIES";

    /// <summary>The limits when no variable is set: 64 MiB a file, 256 MiB a package, 10,000 entries.</summary>
    public static PackageLimits Default { get; } = new(64L * 1024 * 1024, 256L * 1024 * 1024, 10_000);

    /// <summary>The defaults, with any of the three variables that is set taking precedence.</summary>
    /// <exception cref="CliException">A variable is set to something other than a positive whole number.</exception>
    public static PackageLimits FromEnvironment() => new(
        Read(MaxFileBytesVariable, Default.MaxFileBytes),
        Read(MaxTotalBytesVariable, Default.MaxTotalBytes),
        (int)Math.Min(int.MaxValue, Read(MaxEntriesVariable, Default.MaxEntries)));

    /// <summary>A byte count as messages show it: <c>64 MiB</c>, <c>1.5 KiB</c>, <c>300 bytes</c>.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 * 1024 => Scaled(bytes, 1024 * 1024 * 1024, "GiB"),
        >= 1024 * 1024 => Scaled(bytes, 1024 * 1024, "MiB"),
        >= 1024 => Scaled(bytes, 1024, "KiB"),
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    private static string Scaled(long bytes, long unit, string name) =>
        ((double)bytes / unit).ToString("0.#", CultureInfo.InvariantCulture) + " " + name;

    private static long Read(string variable, long fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new CliException(
                ExitCodes.NotConfigured,
                $"{variable} is '{text}', which is not a positive whole number; set it to a number such as {fallback.ToString(CultureInfo.InvariantCulture)}, or unset it for the default ({(variable == MaxEntriesVariable ? fallback.ToString("N0", CultureInfo.InvariantCulture) : Describe(fallback))}).");
        }

        return value;
    }
}
