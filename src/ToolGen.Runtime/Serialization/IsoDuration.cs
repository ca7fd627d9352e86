using System;
using System.Globalization;

namespace ToolGen.Serialization;

/// <summary>
/// Parses ISO 8601 durations (<c>P[nW]</c>, <c>P[nD][T[nH][nM][n[.f]S]]</c>, with an optional leading <c>-</c>) into a
/// <see cref="TimeSpan"/>. Years and months have no fixed length, so they are not accepted.
/// </summary>
internal static class IsoDuration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        ReadOnlySpan<char> rest = text.AsSpan();
        bool negative = rest.StartsWith("-");
        if (negative) rest = rest[1..];
        if (rest.Length < 2 || rest[0] != 'P') return false;
        rest = rest[1..];

        double seconds = 0;
        bool inTime = false;
        bool any = false;
        while (!rest.IsEmpty)
        {
            if (rest[0] == 'T')
            {
                if (inTime) return false;
                inTime = true;
                rest = rest[1..];
                if (rest.IsEmpty) return false;
                continue;
            }
            int length = 0;
            while (length < rest.Length && (char.IsAsciiDigit(rest[length]) || rest[length] is '.' or ','))
                length++;
            if (length == 0 || length == rest.Length) return false;
            if (!double.TryParse(rest[..length].ToString().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)) return false;
            double unit = (rest[length], inTime) switch
            {
                ('W', false) => 7 * 86400,
                ('D', false) => 86400,
                ('H', true) => 3600,
                ('M', true) => 60,
                ('S', true) => 1,
                _ => double.NaN,
            };
            if (double.IsNaN(unit)) return false;
            seconds += number * unit;
            any = true;
            rest = rest[(length + 1)..];
        }
        if (!any || seconds > TimeSpan.MaxValue.TotalSeconds) return false;
        value = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)) * (negative ? -1 : 1);
        return true;
    }
}
