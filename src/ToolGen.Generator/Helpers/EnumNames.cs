using System.Collections.Generic;
using System.Linq;

namespace ToolGen.Generator.Helpers;

/// <summary>
/// Whether an enum member's name alone tells a model what it means. Short codes do not: one or two characters
/// (<c>A</c>, <c>T1</c>), a letter-and-digit code (<c>L3</c>, <c>V12</c>), or a word without a vowel (<c>Std</c>,
/// <c>Ndd</c>, <c>Xprs</c>) — except well-known codes (<c>PDF</c>, <c>CSV</c>, <c>HTML</c>, <c>GBP</c>…). Such members'
/// descriptions go into the schema (<c>Values: std: standard, 3 to 5 days; …</c>) and TG0024 asks for them; a member
/// whose name says it (<c>Celsius</c>, <c>Express</c>) is sent as it is, its documentation left to code readers.
/// </summary>
internal static class EnumNames
{
    public static bool IsAmbiguous(string name)
    {
        string lower = name.ToLowerInvariant();
        if (s_knownCodes.Contains(lower)) return false;
        if (lower.Length <= 2) return true;
        if (lower.Length <= 4 && lower.Any(char.IsDigit) && lower.Any(char.IsLetter)) return true;
        return !lower.Any(static c => "aeiouy".IndexOf(c) >= 0);
    }

    private static readonly HashSet<string> s_knownCodes = new(System.StringComparer.Ordinal)
    {
        "pdf", "csv", "tsv", "png", "jpg", "svg", "xml", "html", "htm", "md", "txt", "zip", "sms", "mms", "sql", "http",
        "https", "ftp", "sftp", "ssh", "tcp", "dns", "mp3", "mp4", "gmt", "utc", "gbp", "cny", "hkd", "dkk", "sek", "nzd",
        "chf", "brl", "pln", "czk", "ok", "no", "on", "up", "id", "tv", "pc", "am", "pm", "xl", "xs", "xxl", "hd", "sd",
        "ai", "ui", "ux", "us", "uk", "eu", "un", "gb", "kb", "mb", "tb", "km", "kg", "cm", "mm", "ml", "ms", "s3", "3d", "2d",
    };
}
