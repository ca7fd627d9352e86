using System;
using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ToolGen.Serialization;

/// <summary>
/// Checks the DataAnnotations constraints (<c>[Range]</c>, <c>[StringLength]</c>, <c>[MinLength]</c>, <c>[MaxLength]</c>,
/// <c>[RegularExpression]</c>, <c>[EmailAddress]</c>, <c>[Url]</c>, <c>[Required]</c>) that generated readers enforce after
/// reading a value, recording a precise problem when one is violated.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolArgumentConstraints
{
    /// <summary>The time a pattern may take on one value before the value is rejected.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Checks <paramref name="minimum"/> ≤ <paramref name="value"/> ≤ <paramref name="maximum"/>.</summary>
    public static bool Range(ref ToolArgumentErrors errors, string path, string member, int index, double value, double minimum, double maximum)
    {
        if (value >= minimum && value <= maximum) return true;
        errors.Add(path, member, index, "expected a value from " + Text(minimum) + " to " + Text(maximum) + ", got " + Text(value));
        return false;
    }

    /// <summary>Checks a string's length; a negative bound is absent.</summary>
    public static bool Length(ref ToolArgumentErrors errors, string path, string member, int index, string value, int minimum, int maximum)
    {
        if ((minimum < 0 || value.Length >= minimum) && (maximum < 0 || value.Length <= maximum)) return true;
        errors.Add(path, member, index, "expected " + Bounds(minimum, maximum, "character") + ", got " + value.Length.ToString(CultureInfo.InvariantCulture));
        return false;
    }

    /// <summary>Checks a collection's item count; a negative bound is absent.</summary>
    public static bool Count(ref ToolArgumentErrors errors, string path, string member, int index, int count, int minimum, int maximum)
    {
        if ((minimum < 0 || count >= minimum) && (maximum < 0 || count <= maximum)) return true;
        errors.Add(path, member, index, "expected " + Bounds(minimum, maximum, "item") + ", got " + count.ToString(CultureInfo.InvariantCulture));
        return false;
    }

    /// <summary>
    /// Checks that <paramref name="value"/> matches <paramref name="pattern"/>, which the generator anchors at both ends of
    /// the value (<c>\A(?:…)\z</c>) and writes with ECMA-262's meaning, so it accepts exactly what the schema's
    /// <paramref name="schemaPattern"/> accepts.
    /// </summary>
    public static bool Pattern(ref ToolArgumentErrors errors, string path, string member, int index, string value, Regex pattern, string schemaPattern)
    {
        try
        {
            if (pattern.IsMatch(value)) return true;
        }
        catch (RegexMatchTimeoutException)
        {
        }
        errors.Add(path, member, index, "the value does not match the pattern " + schemaPattern);
        return false;
    }

    /// <summary>
    /// Checks an e-mail address the way <c>[EmailAddress]</c> does (one <c>@</c>, neither first nor last), and also
    /// refuses whitespace and control characters, which no address in the schema's <c>email</c> format contains.
    /// </summary>
    public static bool Email(ref ToolArgumentErrors errors, string path, string member, int index, string value)
    {
        int at = value.IndexOf('@');
        if (at > 0 && at != value.Length - 1 && at == value.LastIndexOf('@') && !HasSpaceOrControl(value)) return true;
        errors.Add(path, member, index, "expected an e-mail address such as \"name@example.com\"");
        return false;
    }

    /// <summary>
    /// Checks a URL the way <c>[Url]</c> does (it starts with <c>http://</c>, <c>https://</c> or <c>ftp://</c>), and also
    /// that it is an absolute URI without whitespace or control characters, as the schema's <c>uri</c> format requires.
    /// </summary>
    public static bool Url(ref ToolArgumentErrors errors, string path, string member, int index, string value)
    {
        if ((value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase))
            && IsAbsoluteUri(value)) return true;
        errors.Add(path, member, index, "expected an absolute http, https or ftp URL");
        return false;
    }

    /// <summary>Whether <paramref name="value"/> is an absolute URI with no whitespace or control characters (RFC 3986 allows none).</summary>
    /// <remarks>The scheme must be written: on Unix, .NET reads "/a/b" as an absolute <c>file://</c> URI.</remarks>
    internal static bool IsAbsoluteUri(string value)
    {
        int colon = value.IndexOf(':');
        return colon > 0 && Uri.CheckSchemeName(value.Substring(0, colon)) && !HasSpaceOrControl(value) && Uri.TryCreate(value, UriKind.Absolute, out _);
    }

    internal static bool HasSpaceOrControl(string value)
    {
        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return true;
        }
        return false;
    }

    private static string Bounds(int minimum, int maximum, string unit) =>
        minimum >= 0 && maximum >= 0
            ? (minimum == maximum ? Text(minimum) + " " + unit + "s" : "from " + Text(minimum) + " to " + Text(maximum) + " " + unit + "s")
            : minimum >= 0 ? "at least " + Text(minimum) + " " + unit + (minimum == 1 ? "" : "s")
            : "at most " + Text(maximum) + " " + unit + (maximum == 1 ? "" : "s");

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
