using System;
using System.Globalization;
using System.IO;

namespace SkillRt.Cli.Output;

/// <summary>
/// How many columns a text table may fill: <c>COLUMNS</c> when set, else the terminal's width when the
/// output is a terminal, else 80, so piped output is as wide wherever it runs.
/// </summary>
internal static class OutputWidth
{
    /// <summary>The width when the output is not a terminal and <see cref="Variable"/> is not set.</summary>
    public const int Default = 80;

    /// <summary>The variable that sets the width, as for other command-line tools (<c>COLUMNS=200 skillrt list | less</c>).</summary>
    public const string Variable = "COLUMNS";

    /// <summary>The width for <paramref name="output"/>.</summary>
    /// <param name="output">Where the table goes; only the process's own standard output can be a terminal.</param>
    public static int For(TextWriter output)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0)
        {
            return columns;
        }

        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
        {
            try
            {
                if (Console.WindowWidth is > 0 and var width)
                {
                    return width;
                }
            }
            catch (Exception exception) when (exception is IOException or PlatformNotSupportedException)
            {
                // A terminal that does not say its size: the fixed width below.
            }
        }

        return Default;
    }
}
