using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SkillRt.Schemas;

/// <summary>
/// The <c>format</c>s asserted when <see cref="JsonSchemaValidatorOptions.AssertFormat"/> is on.
/// JSON Schema 2020-12 makes <c>format</c> an annotation by default, and so does SkillRt; a skill
/// that wants, say, a real date opts in. Unknown formats always pass.
/// </summary>
internal static partial class SchemaFormats
{
    /// <summary>Whether <paramref name="value"/> has the format; null when the format is not one SkillRt knows.</summary>
    public static bool? IsValid(string format, string value) => format switch
    {
        "date-time" => DateTime().IsMatch(value) && ValidDate(value) && ValidTime(value[11..]),
        "date" => Date().IsMatch(value) && ValidDate(value),
        "time" => Time().IsMatch(value) && ValidTime(value),
        "duration" => Duration().IsMatch(value) && !value.EndsWith('T') && value != "P",
        "email" => Email().IsMatch(value),
        "hostname" => value.Length <= 253 && Hostname().IsMatch(value),
        "ipv4" => IPv4().IsMatch(value),
        "ipv6" => value.IndexOf('%', StringComparison.Ordinal) < 0 && IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6,
        "uri" => Uri.TryCreate(value, UriKind.Absolute, out var uri) && value.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase) && NoSpaces(value),
        "uri-reference" => Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _) && NoSpaces(value),
        "uuid" => Uuid().IsMatch(value),
        "regex" => IsRegex(value),
        _ => null,
    };

    /// <summary>What a value of the format looks like, for messages.</summary>
    public static string Describe(string format) => format switch
    {
        "date-time" => "a date and time (RFC 3339), such as 2025-01-31T12:00:00Z,",
        "date" => "a date, such as 2025-01-31,",
        "time" => "a time with its offset, such as 12:00:00Z,",
        "duration" => "an ISO 8601 duration, such as P3DT4H,",
        "email" => "an email address",
        "hostname" => "a host name",
        "ipv4" => "an IPv4 address",
        "ipv6" => "an IPv6 address",
        "uri" => "an absolute URI",
        "uri-reference" => "a URI reference",
        "uuid" => "a UUID",
        "regex" => "a regular expression",
        _ => "a value of format " + format,
    };

    private static bool NoSpaces(string value) => value.AsSpan().IndexOfAny(' ', '\\', '"') < 0;

    private static bool ValidDate(string value) =>
        System.DateTime.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool ValidTime(string value)
    {
        var hour = int.Parse(value.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var minute = int.Parse(value.AsSpan(3, 2), CultureInfo.InvariantCulture);
        var second = int.Parse(value.AsSpan(6, 2), CultureInfo.InvariantCulture);
        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        if (second == 60)
        {
            // A leap second is only ever the last second of a day in UTC.
            var offset = Offset().Match(value);
            var minutes = hour * 60 + minute;
            if (offset.Success && offset.Groups[1].Success)
            {
                var sign = offset.Groups[1].Value == "+" ? -1 : 1;
                minutes += sign * (int.Parse(offset.Groups[2].Value, CultureInfo.InvariantCulture) * 60 + int.Parse(offset.Groups[3].Value, CultureInfo.InvariantCulture));
            }

            return ((minutes % 1440) + 1440) % 1440 == 23 * 60 + 59;
        }

        return true;
    }

    private static bool IsRegex(string value)
    {
        try
        {
            _ = new Regex(value, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateTime();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    [GeneratedRegex(@"^[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex Time();

    [GeneratedRegex(@"(?:([+-])([0-9]{2}):([0-9]{2}))\z", RegexOptions.CultureInvariant)]
    private static partial Regex Offset();

    [GeneratedRegex(@"^P(?:[0-9]+W|(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+S)?)?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();

    [GeneratedRegex(@"^[^\s@""(),:;<>\[\]\\]+(\.[^\s@""(),:;<>\[\]\\]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Hostname();

    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Uuid();
}
