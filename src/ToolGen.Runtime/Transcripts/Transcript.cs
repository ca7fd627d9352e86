using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Transcripts;

/// <summary>
/// Saves and loads conversations and runs as versioned JSON, to store a conversation and resume it later, possibly with a
/// later version of ToolGen. The format is described in <c>docs/transcripts.md</c>: a JSON object that starts with
/// <c>"version": 1</c>, then, for a run, why it stopped, its answer, usage, tool call records and pending approvals,
/// and the messages as ordered parts.
/// </summary>
/// <remarks>
/// <para>
/// Writing is deterministic: the same messages always give the same bytes, and serializing what was loaded gives the
/// bytes that were loaded. Only what the messages and the result hold is written: never options, API keys or headers.
/// The output is compact UTF-8. Strings are escaped only where JSON needs it and for characters outside the Basic
/// Multilingual Plane; provider items and unknown parts are kept byte for byte. It is not escaped for HTML: escape it
/// before embedding it in a page.
/// </para>
/// <para>
/// Every version of ToolGen reads the transcripts of every earlier version. A transcript written by a newer version is
/// refused, except that a part of a type this version does not know is kept as an <see cref="UnknownPart"/> and written
/// back verbatim. Anything else that is not exactly the format is refused with a
/// <see cref="TranscriptFormatException"/> naming the place of the problem; nothing is ever loaded halfway.
/// </para>
/// <para>No reflection: the JSON goes through a source-generated serializer, so this works with trimming and NativeAOT.</para>
/// </remarks>
public static class Transcript
{
    /// <summary>The version of the format this ToolGen writes, and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The transcript of <paramref name="run"/>: its messages, why it stopped, its answer, usage, tool call records and pending approvals.</summary>
    /// <param name="run">The run, for example from <c>ToolRunner.RunAsync</c>.</param>
    /// <returns>The transcript as JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The run could not be read back as it is: a null message or record, a record or stop tool result that matches no
    /// tool message, a provider item that is not one JSON value, an unknown part that is not a JSON object of an unknown
    /// type.
    /// </exception>
    public static string Serialize(ToolRunResult run) =>
        JsonSerializer.Serialize(TranscriptWriter.Document(run), TranscriptJsonContext.Instance.TranscriptDocument);

    /// <summary>The transcript of <paramref name="run"/> as UTF-8 bytes (see <see cref="Serialize(ToolRunResult)"/>).</summary>
    /// <param name="run">The run.</param>
    /// <returns>The transcript as UTF-8 JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    /// <exception cref="ArgumentException">The run could not be read back as it is (see <see cref="Serialize(ToolRunResult)"/>).</exception>
    public static byte[] SerializeToUtf8Bytes(ToolRunResult run) =>
        JsonSerializer.SerializeToUtf8Bytes(TranscriptWriter.Document(run), TranscriptJsonContext.Instance.TranscriptDocument);

    /// <summary>A transcript of <paramref name="messages"/> alone: <c>{"version":1,"messages":[…]}</c>.</summary>
    /// <param name="messages">The conversation.</param>
    /// <returns>The transcript as JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A message is null, or holds a provider item that is not one JSON value or an unknown part that is not a JSON
    /// object of an unknown type.
    /// </exception>
    public static string Serialize(IEnumerable<ChatMessage> messages) =>
        JsonSerializer.Serialize(TranscriptWriter.Document(messages), TranscriptJsonContext.Instance.TranscriptDocument);

    /// <summary>Loads a run transcript written by <see cref="Serialize(ToolRunResult)"/>.</summary>
    /// <param name="json">The transcript.</param>
    /// <returns>
    /// The run. Each tool call record's call and result are those of the messages; <see cref="ToolRunResult.StopToolResult"/>
    /// is the result of the call named by <c>stopToolCallId</c>. Exceptions tools threw are never stored.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="TranscriptFormatException">
    /// The text is not a valid run transcript (including a transcript of messages only), or a newer version of ToolGen
    /// wrote it.
    /// </exception>
    public static ToolRunResult DeserializeRun(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return DeserializeRun(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Loads a run transcript from UTF-8 bytes (see <see cref="DeserializeRun(string)"/>); a leading byte order mark is skipped.</summary>
    /// <param name="utf8Json">The transcript as UTF-8 JSON.</param>
    /// <returns>The run.</returns>
    /// <exception cref="TranscriptFormatException">The bytes are not a valid run transcript, or a newer version of ToolGen wrote them.</exception>
    public static ToolRunResult DeserializeRun(ReadOnlySpan<byte> utf8Json) =>
        TranscriptReader.Read(utf8Json).Run
        ?? throw TranscriptFormatException.At("$", "this transcript holds messages only (it has no \"stopReason\"); load it with Transcript.DeserializeMessages.");

    /// <summary>Loads the messages of a transcript: of a run or of messages only. The whole transcript is checked.</summary>
    /// <param name="json">The transcript.</param>
    /// <returns>The messages, in order, ready to continue the conversation (for example with <c>ToolRunner.RunAsync</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="TranscriptFormatException">The text is not a valid transcript, or a newer version of ToolGen wrote it.</exception>
    public static IReadOnlyList<ChatMessage> DeserializeMessages(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return DeserializeMessages(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Loads the messages of a transcript from UTF-8 bytes (see <see cref="DeserializeMessages(string)"/>); a leading byte order mark is skipped.</summary>
    /// <param name="utf8Json">The transcript as UTF-8 JSON.</param>
    /// <returns>The messages, in order.</returns>
    /// <exception cref="TranscriptFormatException">The bytes are not a valid transcript, or a newer version of ToolGen wrote them.</exception>
    public static IReadOnlyList<ChatMessage> DeserializeMessages(ReadOnlySpan<byte> utf8Json) => TranscriptReader.Read(utf8Json).Messages;
}
