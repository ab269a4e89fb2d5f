using System;
using System.Globalization;
using System.Text.Json;

namespace SkillRt.Schemas;

/// <summary>
/// A JSON number as JSON Schema compares it: exactly, as a <see cref="decimal"/>, when it fits one
/// (so <c>0.1</c> is a multiple of <c>0.01</c> and <c>1</c> equals <c>1.0</c>), otherwise as a
/// <see cref="double"/>, and as its sign alone when it overflows even that.
/// </summary>
internal readonly struct SchemaNumber
{
    private readonly decimal _decimal;
    private readonly double _double;
    private readonly bool _isDecimal;

    private SchemaNumber(decimal value, double asDouble, bool isDecimal, string? text)
    {
        _decimal = value;
        _double = asDouble;
        _isDecimal = isDecimal;
        Text = text;
    }

    /// <summary>The number as the schema wrote it, for messages; null for values being validated (they are not needed unless reported).</summary>
    public string? Text { get; }

    /// <summary>A number of the schema, kept with its text.</summary>
    public static SchemaNumber FromSchema(JsonElement element)
    {
        var text = element.GetRawText();
        if (element.TryGetDecimal(out var value) && !IsLossy(value, text))
        {
            return new SchemaNumber(value, (double)value, isDecimal: true, text);
        }

        // double.Parse gives ±Infinity on overflow rather than failing, which orders correctly.
        return new SchemaNumber(0, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), isDecimal: false, text);
    }

    /// <summary>A number being validated; reads it without allocating in the common cases.</summary>
    public static SchemaNumber FromValue(JsonElement element)
    {
        if (element.TryGetInt64(out var integer))
        {
            return new SchemaNumber(integer, integer, isDecimal: true, null);
        }

        if (element.TryGetDecimal(out var value))
        {
            var asDouble = element.TryGetDouble(out var d) ? d : (double)value;
            // Below decimal's resolution (1e-28) a nonzero number reads as 0: compare it as a double.
            if (value != 0 || asDouble == 0)
            {
                return new SchemaNumber(value, asDouble, isDecimal: true, null);
            }
        }

        return element.TryGetDouble(out var finite)
            ? new SchemaNumber(0, finite, isDecimal: false, null)
            : new SchemaNumber(0, double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture), isDecimal: false, null);
    }

    /// <summary>Whether the number has no fractional part (<c>1.0</c> is an integer, as JSON Schema says).</summary>
    public bool IsInteger => _isDecimal ? decimal.Truncate(_decimal) == _decimal : !double.IsFinite(_double) || Math.Floor(_double) == _double;

    public int CompareTo(in SchemaNumber other) =>
        _isDecimal && other._isDecimal ? _decimal.CompareTo(other._decimal) : _double.CompareTo(other._double);

    /// <summary>Whether this number divided by <paramref name="divisor"/> is an integer.</summary>
    public bool IsMultipleOf(in SchemaNumber divisor)
    {
        if (_isDecimal && divisor._isDecimal && divisor._decimal != 0)
        {
            try
            {
                return _decimal % divisor._decimal == 0;
            }
            catch (OverflowException)
            {
                // Falls through to doubles.
            }
        }

        var quotient = _double / divisor._double;
        if (!double.IsFinite(quotient))
        {
            // Overflow: a number this large is an integer, so it is a multiple of any divisor whose inverse is one.
            var inverse = 1 / divisor._double;
            return double.IsFinite(inverse) && Math.Floor(inverse) == inverse;
        }

        return Math.Abs(quotient - Math.Round(quotient)) <= 1e-9 * Math.Max(1, Math.Abs(quotient));
    }

    // decimal keeps 28-29 significant digits and rounds quietly beyond them, and below 1e-28 it rounds
    // to zero: such numbers compare as doubles instead.
    private static bool IsLossy(decimal value, string text)
    {
        var digits = 0;
        var exponent = text.AsSpan().IndexOfAny('e', 'E');
        var mantissa = exponent < 0 ? text.AsSpan() : text.AsSpan(0, exponent);
        var leading = true;
        foreach (var c in mantissa)
        {
            if (c is >= '1' and <= '9' || c == '0' && !leading)
            {
                leading = false;
                digits++;
            }
        }

        return digits > 27 || value == 0 && mantissa.IndexOfAnyInRange('1', '9') >= 0;
    }
}
