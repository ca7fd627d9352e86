using System;
using System.Text.Json;
using global::ModelContextProtocol.Protocol;
using ToolGen;

namespace ToolGen.ModelContextProtocol;

/// <summary>Builds the MCP <see cref="Tool"/> that tools/list sends for a <see cref="ToolDescriptor"/>.</summary>
internal static class ProtocolTools
{
    private const int MaxTitleLength = 100;

    public static Tool Create(ToolDescriptor descriptor, ToolGenMcpOptions options)
    {
        ReadOnlyMemory<byte> input = descriptor.GetParametersSchema(options.SchemaDialect);
        if (input.IsEmpty) input = descriptor.ParametersSchema;   // A strict dialect that cannot express this tool.
        string? title = TitleOf(descriptor);
        return new Tool
        {
            Name = descriptor.Name,
            Title = title,
            Description = descriptor.Description,
            InputSchema = Parse(input, descriptor, "parameters"),
            OutputSchema = descriptor.ObjectOutputSchema.IsEmpty ? null : Parse(descriptor.ObjectOutputSchema, descriptor, "result"),
            // MCP's defaults are not ToolGen's (destructive and open-world default to true there, false here): every hint
            // is written, so that a client never falls back to a default the tool did not declare.
            Annotations = new ToolAnnotations
            {
                Title = title,
                ReadOnlyHint = (descriptor.Hints & ToolHints.ReadOnly) != 0,
                DestructiveHint = (descriptor.Hints & ToolHints.Destructive) != 0,
                IdempotentHint = (descriptor.Hints & ToolHints.Idempotent) != 0,
                OpenWorldHint = (descriptor.Hints & ToolHints.OpenWorld) != 0,
            },
        };
    }

    /// <summary>The tool's <c>[Tool(Title)]</c>, else the first sentence of its description, else <see langword="null"/>.</summary>
    public static string? TitleOf(ToolDescriptor descriptor) =>
        string.IsNullOrWhiteSpace(descriptor.Title) ? FirstSentence(descriptor.Description) : descriptor.Title.Trim();

    /// <summary>
    /// The first sentence of <paramref name="text"/> without its final period ("Gets the weather for a city. Returns …" →
    /// "Gets the weather for a city"); ends at a line break too; abbreviations such as "e.g." do not end it. Long sentences
    /// are cut at a word boundary.
    /// </summary>
    public static string? FirstSentence(string? text)
    {
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        if (span.IsEmpty) return null;
        int end = span.Length;
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            if (c is '\n' or '\r') { end = i; break; }
            if (c is '.' or '!' or '?' && (i + 1 == span.Length || char.IsWhiteSpace(span[i + 1])))
            {
                if (c == '.' && IsAbbreviation(span[..i])) continue;
                end = c == '.' ? i : i + 1;
                break;
            }
        }
        ReadOnlySpan<char> sentence = span[..end].TrimEnd();
        if (sentence.IsEmpty) return null;
        if (sentence.Length <= MaxTitleLength) return sentence.ToString();
        ReadOnlySpan<char> cut = sentence[..MaxTitleLength];
        int space = cut.LastIndexOf(' ');
        if (space > MaxTitleLength / 2) cut = cut[..space];
        return string.Concat(cut.TrimEnd(" ,;:".AsSpan()), "…");
    }

    // The word before a period is an abbreviation when it holds a period itself ("e.g", "i.e") or is a common one.
    private static bool IsAbbreviation(ReadOnlySpan<char> before)
    {
        int start = before.LastIndexOfAny(' ', '\t', '(') + 1;
        ReadOnlySpan<char> word = before[start..];
        if (word.IsEmpty) return false;
        if (word.Contains('.')) return true;
        return word.Equals("etc", StringComparison.OrdinalIgnoreCase) || word.Equals("vs", StringComparison.OrdinalIgnoreCase)
            || word.Equals("approx", StringComparison.OrdinalIgnoreCase) || word.Equals("incl", StringComparison.OrdinalIgnoreCase)
            || word.Equals("e.g", StringComparison.OrdinalIgnoreCase) || word.Equals("i.e", StringComparison.OrdinalIgnoreCase);
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> schema, ToolDescriptor descriptor, string what)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(schema);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"The {what} schema of the tool \"{descriptor.Name}\" is not valid JSON: {exception.Message}", exception);
        }
    }
}
