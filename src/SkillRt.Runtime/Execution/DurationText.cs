using System;
using System.Globalization;
using System.Text;

namespace SkillRt.Execution;

/// <summary>
/// Durations the way people write them on a command line and read them in messages: <c>90s</c>,
/// <c>2m</c>, <c>1m30s</c>, <c>1h</c>, <c>500ms</c>. Used by the runner's messages and by
/// <c>skillrt run --timeout</c>, so both speak the same units.
/// </summary>
internal static class DurationText
{
    /// <summary>Writes <paramref name="duration"/> in its largest whole units, such as <c>1m30s</c>; fractions of a second below one second as <c>ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return ((long)Math.Round(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var text = new StringBuilder();
        var hours = (long)duration.TotalHours;
        Append(hours, "h");
        Append(duration.Minutes, "m");
        var seconds = duration.Seconds + (duration.Milliseconds / 1000.0);
        if (seconds > 0)
        {
            text.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        }

        return text.ToString();

        void Append(long value, string unit)
        {
            if (value > 0)
            {
                text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }
    }

    /// <summary>
    /// Reads one number with a unit (<c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c>), such as <c>90s</c>,
    /// <c>2.5m</c> or <c>1h</c>; a number without a unit is seconds.
    /// </summary>
    /// <returns>Whether <paramref name="text"/> is such a duration, positive and at most 24 hours.</returns>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var value = text?.Trim() ?? string.Empty;
        var unitStart = value.Length;
        while (unitStart > 0 && char.IsAsciiLetter(value[unitStart - 1]))
        {
            unitStart--;
        }

        var unit = value[unitStart..].ToLowerInvariant();
        double scale = unit switch
        {
            "ms" => 0.001,
            "" or "s" => 1,
            "m" or "min" => 60,
            "h" => 3600,
            _ => 0,
        };
        if (scale == 0
            || !double.TryParse(value[..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || double.IsNaN(number) || number * scale <= 0 || number * scale > TimeSpan.FromHours(24).TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(number * scale * 1000)));
        return true;
    }
}
