using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Tests.Transcripts;

/// <summary>Compares messages and runs part by part (records compare lists and image bytes by reference, so these do it by value).</summary>
internal static class TranscriptAssert
{
    public static void MessagesEqual(IReadOnlyList<ChatMessage> actual, IReadOnlyList<ChatMessage> expected)
    {
        Assert.That(actual, Has.Count.EqualTo(expected.Count), "message count");
        for (int i = 0; i < expected.Count; i++) MessageEqual(actual[i], expected[i], $"messages[{i}]");
    }

    public static void MessageEqual(ChatMessage actual, ChatMessage expected, string where)
    {
        Assert.That(actual.Role, Is.EqualTo(expected.Role), where + " role");
        Assert.That(actual.ToolCallId, Is.EqualTo(expected.ToolCallId), where + " call id");
        Assert.That(actual.ToolName, Is.EqualTo(expected.ToolName), where + " tool name");
        Assert.That(actual.ResultKind, Is.EqualTo(expected.ResultKind), where + " kind");
        Assert.That(actual.IsJson, Is.EqualTo(expected.IsJson), where + " json");
        Assert.That(actual.Text, Is.EqualTo(expected.Text), where + " text");
        Assert.That(actual.Parts, Has.Count.EqualTo(expected.Parts.Count), where + " part count");
        for (int j = 0; j < expected.Parts.Count; j++) PartEqual(actual.Parts[j], expected.Parts[j], $"{where}.parts[{j}]");
    }

    public static void PartEqual(ChatPart actual, ChatPart expected, string where)
    {
        Assert.That(actual.GetType(), Is.EqualTo(expected.GetType()), where + " type");
        if (expected is ImagePart image)
        {
            var loaded = (ImagePart)actual;
            Assert.That(loaded.MediaType, Is.EqualTo(image.MediaType), where + " media type");
            Assert.That(loaded.Url?.OriginalString, Is.EqualTo(image.Url?.OriginalString), where + " url");
            Assert.That(loaded.Data.ToArray(), Is.EqualTo(image.Data.ToArray()), where + " bytes");
        }
        else
        {
            Assert.That(actual, Is.EqualTo(expected), where);
        }
    }

    public static void RunsEqual(ToolRunResult actual, ToolRunResult expected)
    {
        MessagesEqual(actual.Messages, expected.Messages);
        Assert.That(actual.Text, Is.EqualTo(expected.Text));
        Assert.That(actual.StopReason, Is.EqualTo(expected.StopReason));
        Assert.That(actual.Usage, Is.EqualTo(expected.Usage));
        Assert.That(actual.ModelCalls, Is.EqualTo(expected.ModelCalls));
        Assert.That(actual.ToolCalls.Select(Describe), Is.EqualTo(expected.ToolCalls.Select(Describe)));
        Assert.That(actual.StopToolResult?.ToString(), Is.EqualTo(expected.StopToolResult?.ToString()));
        Assert.That(actual.PendingApprovals, Is.EqualTo(expected.PendingApprovals));
    }

    /// <summary>A record as comparable values: the call, the result (kind, JSON or not, content), the round and the duration.</summary>
    public static (ToolCall, ToolResultKind, bool, string, int, TimeSpan) Describe(ToolCallRecord record) =>
        (record.Call, record.Result.Kind, record.Result.IsJson, record.Result.Content, record.Round, record.Duration);

    /// <summary>The bytes of a golden file, copied to the output directory.</summary>
    public static byte[] Golden(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Transcripts", "Golden", name));

    public static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
