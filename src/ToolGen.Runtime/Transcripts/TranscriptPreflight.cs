using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using ToolGen.Shared;

namespace ToolGen.Transcripts;

/// <summary>
/// The first pass over a transcript, before anything is deserialized: the document is one JSON object of valid JSON
/// (valid UTF-8 and UTF-16 in every string, at most <see cref="MaxDepth"/> levels), no member of the document or of a
/// message, record, approval or usage appears twice, and <c>version</c> is a version this ToolGen reads. A newer
/// document is refused here, before any of its members could be misread.
/// </summary>
internal static class TranscriptPreflight
{
    /// <summary>The deepest nesting a document may have: the format's own six levels plus embedded JSON.</summary>
    public const int MaxDepth = 128;

    /// <summary>The deepest nesting of JSON embedded in a transcript (a provider item, an unknown part), written or read.</summary>
    public const int MaxEmbeddedDepth = 64;

    // The document (1), a message, record or approval (3) and usage (2): the objects whose members ToolGen defines.
    // Deeper objects are parts (checked by the part converter) and embedded JSON, which is kept as it is.
    private const int MaxDuplicateCheckDepth = 3;

    private struct Frame
    {
        public bool IsArray;
        public int Index;           // Arrays: the current element, -1 before the first.
        public int NameStart;       // Objects: where the current member's name starts, -1 before the first.
        public List<string>? Names; // Objects up to MaxDuplicateCheckDepth: the member names so far.
    }

    /// <summary>Checks <paramref name="utf8"/>; returns its version.</summary>
    /// <exception cref="TranscriptFormatException">A problem, with its path.</exception>
    public static int Check(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var frames = new Frame[MaxDepth + 1];
        int depth = 0;
        bool readingVersion = false;
        string? versionProblem = null;
        int version = 0;
        bool hasVersion = false;
        char[]? buffer = null;
        try
        {
            while (reader.Read())
            {
                JsonTokenType token = reader.TokenType;
                if (depth == 0 && token != JsonTokenType.StartObject)
                    throw TranscriptFormatException.At("$", $"a transcript is a JSON object, not {TranscriptErrorText.Describe(ref reader)}.");
                if (token == JsonTokenType.PropertyName)
                {
                    ref Frame frame = ref frames[depth - 1];
                    frame.NameStart = -1;   // Until the name is known to be readable.
                    CheckString(ref reader, ref buffer, frames, depth, utf8);
                    frame.NameStart = checked((int)reader.TokenStartIndex);
                    if (depth <= MaxDuplicateCheckDepth)
                    {
                        string name = reader.GetString()!;
                        frame.Names ??= [];
                        if (frame.Names.Contains(name)) throw TranscriptFormatException.At(PathOf(frames, depth, utf8), "the member appears twice.");
                        frame.Names.Add(name);
                        readingVersion = depth == 1 && name == "version";
                    }
                    continue;
                }
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    depth--;
                    continue;
                }

                // A value: an element of the enclosing array, or the value of the member just named.
                if (depth > 0 && frames[depth - 1].IsArray) frames[depth - 1].Index++;
                if (readingVersion)
                {
                    readingVersion = false;
                    hasVersion = true;
                    versionProblem = ReadVersion(ref reader, out version);
                }
                if (token is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames[depth] = new Frame { IsArray = token == JsonTokenType.StartArray, Index = -1, NameStart = -1 };
                    depth++;
                }
                else if (token == JsonTokenType.String)
                {
                    CheckString(ref reader, ref buffer, frames, depth, utf8);
                }
            }
        }
        catch (JsonException ex)
        {
            string problem = depth >= MaxDepth
                ? $"the document nests deeper than {MaxDepth.ToString(CultureInfo.InvariantCulture)} levels."
                : "not valid JSON: " + ex.Message;
            throw TranscriptFormatException.At(PathOf(frames, depth, utf8), problem, ex);
        }
        finally
        {
            if (buffer is not null) ArrayPool<char>.Shared.Return(buffer);
        }

        if (!hasVersion) throw TranscriptFormatException.At("$", "the document has no \"version\"; a ToolGen transcript starts with \"version\": 1.");
        if (versionProblem is not null) throw TranscriptFormatException.At("$.version", versionProblem);
        return version;
    }

    // Null when the version is one this ToolGen reads, else what is wrong with it.
    private static string? ReadVersion(ref Utf8JsonReader reader, out int version)
    {
        version = 0;
        if (reader.TokenType != JsonTokenType.Number) return $"the version is an integer, not {TranscriptErrorText.Describe(ref reader)}.";
        string text = TranscriptErrorText.Number(reader.ValueSpan);
        bool integer = reader.TryGetInt32(out version);
        if (!integer)
        {
            // Digits only: a version too large for an int is still a newer version.
            ReadOnlySpan<byte> digits = reader.ValueSpan[0] == (byte)'-' ? reader.ValueSpan[1..] : reader.ValueSpan;
            if (digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0) return $"the version is an integer, not {text}.";
            version = reader.ValueSpan[0] == (byte)'-' ? int.MinValue : int.MaxValue;
        }
        if (version > Transcript.CurrentVersion)
        {
            return $"this transcript was written by a newer ToolGen (version {text}); this version reads version "
                + Transcript.CurrentVersion.ToString(CultureInfo.InvariantCulture) + ".";
        }
        return version < 1 ? $"{text} is not a transcript version; versions start at 1." : null;
    }

    // A string value or member name must be valid UTF-8 and, once unescaped, valid UTF-16.
    private static void CheckString(ref Utf8JsonReader reader, ref char[]? buffer, Frame[] frames, int depth, ReadOnlySpan<byte> utf8)
    {
        ReadOnlySpan<byte> value = reader.ValueSpan;
        bool valid;
        if (!reader.ValueIsEscaped)
        {
            valid = Utf8.IsValid(value);
        }
        else
        {
            if (buffer is null || buffer.Length < value.Length)
            {
                if (buffer is not null) ArrayPool<char>.Shared.Return(buffer);
                buffer = ArrayPool<char>.Shared.Rent(Math.Max(value.Length, 256));
            }
            try
            {
                reader.CopyString(buffer);
                valid = true;
            }
            catch (InvalidOperationException)
            {
                valid = false;
            }
        }
        if (!valid)
        {
            string what = reader.TokenType == JsonTokenType.PropertyName ? "a member name" : "the string";
            throw TranscriptFormatException.At(PathOf(frames, depth, utf8), $"{what} is not valid UTF-8, or holds an escaped lone surrogate such as \\uD800.");
        }
    }

    private static string PathOf(Frame[] frames, int depth, ReadOnlySpan<byte> utf8)
    {
        string path = "$";
        for (int i = 0; i < depth; i++)
        {
            Frame frame = frames[i];
            if (frame.IsArray)
            {
                if (frame.Index >= 0) path += "[" + frame.Index.ToString(CultureInfo.InvariantCulture) + "]";
            }
            else if (frame.NameStart >= 0)
            {
                path = ToolNameRules.PropertyPath(path, NameAt(utf8, frame.NameStart));
            }
        }
        return path;
    }

    // The member name whose token starts at `start` (already checked to be readable).
    private static string NameAt(ReadOnlySpan<byte> utf8, int start)
    {
        var reader = new Utf8JsonReader(utf8[start..]);
        reader.Read();
        return reader.GetString()!;
    }
}
