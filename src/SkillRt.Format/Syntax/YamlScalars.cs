using System;
using System.Globalization;

namespace SkillRt;

/// <summary>Resolves plain YAML scalars to types by the YAML 1.2 core schema, without regular expressions.</summary>
internal static class YamlScalars
{
    public static FrontmatterScalarKind Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return FrontmatterScalarKind.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return FrontmatterScalarKind.Boolean;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF"
                or ".nan" or ".NaN" or ".NAN":
                return FrontmatterScalarKind.Float;
        }

        if (IsInteger(text))
        {
            return FrontmatterScalarKind.Integer;
        }

        return IsFloat(text) ? FrontmatterScalarKind.Float : FrontmatterScalarKind.String;
    }

    public static bool IsTrue(string text) => text is "true" or "True" or "TRUE";

    public static bool TryGetInteger(string text, out long value)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && value >= 0;
        }

        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            value = 0;
            for (var i = 2; i < text.Length; i++)
            {
                if (value > (long.MaxValue >> 3))
                {
                    return false;
                }

                value = (value << 3) + (text[i] - '0');
            }

            return true;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The decimal digits of a core-schema integer (decimal, <c>0x</c> or <c>0o</c>), exact at any size;
    /// empty for a hex or octal literal of more than 64 digits, which is kept as text instead.
    /// </summary>
    public static string ToDecimalInteger(string text)
    {
        if (TryGetInteger(text, out var small))
        {
            return small.ToString(CultureInfo.InvariantCulture);
        }

        if (!text.StartsWith("0x", StringComparison.Ordinal) && !text.StartsWith("0o", StringComparison.Ordinal))
        {
            // Decimal: the digits are already the answer, with no sign '+' and no leading zeros (linear time).
            var negative = text[0] == '-';
            var digits = text.TrimStart('+', '-').TrimStart('0');
            return digits.Length == 0 ? "0" : negative ? "-" + digits : digits;
        }

        if (text.Length > MaxRadixDigits + 2)
        {
            // Base conversion is quadratic; an absurdly long hex or octal literal stays as written.
            return string.Empty;
        }

        System.Numerics.BigInteger value = 0;
        var radix = text[1] == 'x' ? 16 : 8;
        for (var i = 2; i < text.Length; i++)
        {
            var c = text[i];
            value = (value * radix) + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    // 256 bits in hex: far beyond any real number, small enough to convert instantly.
    private const int MaxRadixDigits = 64;

    /// <summary>Turns a YAML number into JSON number text; false for infinities, NaN and out-of-range values.</summary>
    public static bool TryGetJsonNumber(string text, out string json)
    {
        json = string.Empty;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ||
            double.IsInfinity(value) || double.IsNaN(value))
        {
            return false;
        }

        json = value.ToString("R", CultureInfo.InvariantCulture);
        return true;
    }

    public static bool TryGetDouble(FrontmatterScalar scalar, out double value)
    {
        value = 0;
        if (scalar.Kind == FrontmatterScalarKind.Integer && TryGetInteger(scalar.Value, out var integer))
        {
            value = integer;
            return true;
        }

        return scalar.Kind is FrontmatterScalarKind.Integer or FrontmatterScalarKind.Float &&
            double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value) &&
            !double.IsNaN(value);
    }

    // [-+]? [0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+
    private static bool IsInteger(string text)
    {
        if (text.Length > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x'))
        {
            var hex = text[1] == 'x';
            for (var i = 2; i < text.Length; i++)
            {
                var c = text[i];
                var ok = hex ? IsHexDigit(c) : c is >= '0' and <= '7';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        var start = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    private static bool IsFloat(string text)
    {
        var i = 0;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            i++;
        }

        var integerDigits = CountDigits(text, ref i);
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(text, ref i);
            if (integerDigits == 0 && fractionDigits == 0)
            {
                return false;
            }
        }
        else if (integerDigits == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '-' || text[i] == '+'))
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int CountDigits(string text, ref int index)
    {
        var start = index;
        while (index < text.Length && text[index] is >= '0' and <= '9')
        {
            index++;
        }

        return index - start;
    }

    private static bool IsHexDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');
}
