using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace ToolGen.Review.Tokens;

/// <summary>
/// Counts tokens with OpenAI's <c>o200k_base</c> encoding (GPT-4o, GPT-4.1, o-series, GPT-5): the same pre-tokenizing
/// pattern and byte-pair merges as tiktoken and <c>Microsoft.ML.Tokenizers</c>' <c>TiktokenTokenizer</c>, over the
/// vocabulary file that package ships. Counting only, no ids: that is all a budget needs, and it keeps this analyzer
/// free of the tokenizer package's own dependencies (System.Text.Json 9, Google.Protobuf), which a compiler or IDE
/// host with an older System.Text.Json could not load.
/// </summary>
/// <remarks>
/// The vocabulary (200,000 byte sequences) is read once per process, on the first count, and only when a project
/// asks for the manifest or a budget. Tests check every count against <c>Microsoft.ML.Tokenizers</c> itself.
/// </remarks>
internal sealed class O200kTokenizer
{
    private const int MaxCachedPieces = 100_000;
    private const string ResourceName = "ToolGen.Review.o200k_base.tiktoken.deflate";

    // tiktoken's o200k_base pattern: words with their leading punctuation and English contractions, 1–3 digit groups,
    // punctuation runs, line breaks, and spaces.
    private static readonly Regex s_pieces = new(
        @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
        + @"|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
        + @"|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+",
        RegexOptions.CultureInvariant);

    // The encoding's special tokens count as one token each wherever they appear in the text.
    private static readonly string[] s_specialTokens = ["<|endoftext|>", "<|endofprompt|>"];

    private static readonly Lazy<O200kTokenizer> s_instance = new(Load, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);

    // Byte sequences as strings of chars 0–255 (one char per byte): cheap to hash and compare, no custom comparer.
    private readonly Dictionary<string, int> _ranks;

    // Pieces repeat across tools (property names, "description", "type"), so their counts are kept.
    private readonly ConcurrentDictionary<string, int> _pieceCounts = new(StringComparer.Ordinal);

    private O200kTokenizer(Dictionary<string, int> ranks) => _ranks = ranks;

    /// <summary>The tokenizer, loading the vocabulary on first use.</summary>
    public static O200kTokenizer Instance => s_instance.Value;

    /// <summary>How many tokens <paramref name="text"/> is.</summary>
    public int Count(string text)
    {
        int count = 0;
        int start = 0;
        while (start < text.Length)
        {
            (int at, string? special) = NextSpecial(text, start);
            count += CountOrdinary(text, start, at - start);
            if (special is null) break;
            count++;
            start = at + special.Length;
        }
        return count;
    }

    private static (int At, string? Special) NextSpecial(string text, int start)
    {
        int best = text.Length;
        string? found = null;
        foreach (string special in s_specialTokens)
        {
            int at = text.IndexOf(special, start, StringComparison.Ordinal);
            if (at >= 0 && at < best) (best, found) = (at, special);
        }
        return (best, found);
    }

    private int CountOrdinary(string text, int start, int length)
    {
        if (length == 0) return 0;
        // Counting the cache takes all of its locks, so it is looked at once per text, not once per piece.
        if (_pieceCounts.Count > MaxCachedPieces) _pieceCounts.Clear();
        int count = 0;
        for (Match match = s_pieces.Match(text, start, length); match.Success; match = match.NextMatch())
            count += _pieceCounts.GetOrAdd(match.Value, CountPiece);
        return count;
    }

    private int CountPiece(string piece)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(piece);
        var bytes = new StringBuilder(utf8.Length);
        foreach (byte b in utf8) bytes.Append((char)b);
        string key = bytes.ToString();
        if (_ranks.ContainsKey(key)) return 1;
        return MergedLength(key);
    }

    // tiktoken's byte-pair merge: start from single bytes and repeatedly join the adjacent pair whose joined bytes have
    // the lowest rank, until no adjacent pair is in the vocabulary. The count is the number of parts left.
    private int MergedLength(string bytes)
    {
        var starts = new List<int>(bytes.Length + 1);
        for (int i = 0; i <= bytes.Length; i++) starts.Add(i);
        while (starts.Count > 2)
        {
            int bestRank = int.MaxValue;
            int best = -1;
            for (int i = 0; i + 2 < starts.Count; i++)
            {
                if (_ranks.TryGetValue(bytes.Substring(starts[i], starts[i + 2] - starts[i]), out int rank) && rank < bestRank)
                    (bestRank, best) = (rank, i);
            }
            if (best < 0) break;
            starts.RemoveAt(best + 1);
        }
        return starts.Count - 1;
    }

    /// <summary>Reads the vocabulary into a new tokenizer (what the first count in a process pays; benchmarks measure it).</summary>
    internal static O200kTokenizer Load()
    {
        using Stream resource = typeof(O200kTokenizer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("ToolGen.Review is missing its o200k_base vocabulary (" + ResourceName + ").");
        using var inflated = new DeflateStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(inflated, Encoding.UTF8);
        var ranks = new Dictionary<string, int>(200_000, StringComparer.Ordinal);
        var bytes = new StringBuilder(64);
        // The package's file starts with "Capacity: N", then one token per line in rank order: its bytes in base64,
        // optionally followed by a space and an explicit rank (tiktoken's own format).
        int next = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal)) continue;
            int space = line.IndexOf(' ');
            byte[] token = Convert.FromBase64String(space < 0 ? line : line.Substring(0, space));
            int rank = space < 0 ? next : int.Parse(line.Substring(space + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
            next = rank + 1;
            bytes.Clear();
            foreach (byte b in token) bytes.Append((char)b);
            ranks[bytes.ToString()] = rank;
        }
        return new O200kTokenizer(ranks);
    }
}
