using System;
using System.Text;
using System.Text.RegularExpressions;

namespace ToolGen.Generator.Parsing;

/// <summary>
/// Turns a <c>[RegularExpression]</c> pattern into the two texts the generated code needs: the JSON Schema
/// <c>pattern</c> (ECMA-262, which searches, so it is anchored unless it already is) and the .NET pattern the reader
/// matches with, written so that .NET accepts exactly the values ECMA-262 accepts for the schema's pattern.
/// </summary>
/// <remarks>
/// .NET and ECMA-262 differ where it matters for validation: .NET's <c>$</c> also matches before a final <c>\n</c>
/// (so <c>^[A-Z]{3}$</c> accepts <c>"CDG\n"</c>), its <c>.</c> matches <c>\r</c>, <c>\u2028</c> and <c>\u2029</c>,
/// and its <c>\d</c>, <c>\w</c> and <c>\b</c> take every Unicode digit and letter. The reader therefore compiles the
/// pattern with <see cref="RegexOptions.ECMAScript"/> (ASCII <c>\d</c>, <c>\w</c>, <c>\b</c>), inside
/// <c>\A(?:…)\z</c> (the whole value), with <c>$</c> rewritten as <c>\z</c> and <c>.</c> as ECMA's
/// "not a line terminator". A pattern .NET cannot compile in ECMAScript mode (for example one with character-class
/// subtraction) keeps .NET semantics; the docs say so.
/// </remarks>
internal static class PatternText
{
    private const string NotLineTerminator = @"[^\n\r\u2028\u2029]";

    /// <summary>The pattern as the schema shows it: the user's text when it is anchored at both ends, else <c>^(?:…)$</c>.</summary>
    public static string ForSchema(string pattern) => IsAnchored(pattern) ? pattern : "^(?:" + pattern + ")$";

    /// <summary>The .NET pattern that matches a whole value exactly when ECMA-262 matches <see cref="ForSchema"/>, and whether it needs <see cref="RegexOptions.ECMAScript"/>.</summary>
    public static (string Pattern, bool Ecma) ForReader(string pattern)
    {
        string whole = @"\A(?:" + (UsesMultiline(pattern) ? pattern : Translate(pattern)) + @")\z";
        return (whole, Compiles(whole, RegexOptions.ECMAScript));
    }

    private static bool Compiles(string pattern, RegexOptions options)
    {
        try
        {
            _ = new Regex(pattern, options);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Anchored when it starts with ^, ends with an unescaped $ and has no | outside groups and classes ("^a|b$" is
    // "(^a)|(b$)", which still needs the wrapper).
    private static bool IsAnchored(string pattern)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || pattern[pattern.Length - 1] != '$' || IsEscaped(pattern, pattern.Length - 1)) return false;
        int depth = 0;
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\') { i++; continue; }
            if (inClass) { if (c == ']') inClass = false; continue; }
            switch (c)
            {
                case '[': inClass = true; break;
                case '(': depth++; break;
                case ')': depth--; break;
                case '|' when depth == 0: return false;
            }
        }
        return true;
    }

    private static bool IsEscaped(string pattern, int index)
    {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && pattern[i] == '\\'; i--) backslashes++;
        return backslashes % 2 == 1;
    }

    // Inline (?m) makes $ a line end in both dialects; such a pattern is left as written.
    private static bool UsesMultiline(string pattern) => Regex.IsMatch(pattern, @"\(\?[a-zA-Z]*m[a-zA-Z]*[:)-]");

    // Outside character classes: $ → \z (end of input), . → not a line terminator.
    private static string Translate(string pattern)
    {
        var text = new StringBuilder(pattern.Length + 16);
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                text.Append(c).Append(pattern[++i]);
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                text.Append(c);
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    text.Append(c);
                    // A ']' right after '[' or '[^' is a literal in .NET.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') text.Append(pattern[++i]);
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']') text.Append(pattern[++i]);
                    break;
                case '$': text.Append(@"\z"); break;
                case '.': text.Append(NotLineTerminator); break;
                default: text.Append(c); break;
            }
        }
        return text.ToString();
    }
}
