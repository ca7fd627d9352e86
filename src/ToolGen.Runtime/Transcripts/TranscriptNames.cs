using System;
using System.Collections.Generic;
using ToolGen.Chat;
using ToolGen.Running;

namespace ToolGen.Transcripts;

/// <summary>
/// The names the transcript format gives to roles, result kinds, stop reasons, hints and part types. They are spelled out
/// here rather than derived from the enums, so that renaming a C# member can never change the format.
/// </summary>
internal static class TranscriptNames
{
    public const string TextPart = "text";
    public const string ToolCallPart = "toolCall";
    public const string ReasoningPart = "reasoning";
    public const string ProviderItemPart = "providerItem";
    public const string ImagePart = "image";

    /// <summary>Whether version 1 knows the part type <paramref name="type"/> (any other is kept as an unknown part).</summary>
    public static bool IsKnownPartType(string type) => type is TextPart or ToolCallPart or ReasoningPart or ProviderItemPart or ImagePart;

    private static readonly string[] s_roles = ["system", "user", "assistant", "tool"];

    private static readonly string[] s_kinds = ["success", "unknownTool", "invalidArguments", "failed", "denied", "timedOut", "canceled", "retry"];

    private static readonly string[] s_stopReasons = ["answered", "stopTool", "maxRounds", "maxConsecutiveErrors", "failed", "canceled", "approvalRequired"];

    // By bit position, as in ToolHints.
    private static readonly string[] s_hints = ["readOnly", "destructive", "idempotent", "requiresApproval"];

    public static string Role(ChatRole role) => Name(s_roles, (int)role, "role");

    public static bool TryParseRole(string name, out ChatRole role) => (role = (ChatRole)Array.IndexOf(s_roles, name)) >= 0;

    public static string RoleList => "system, user, assistant or tool";

    public static string Kind(ToolResultKind kind) => Name(s_kinds, (int)kind, "result kind");

    public static bool TryParseKind(string name, out ToolResultKind kind) => (kind = (ToolResultKind)Array.IndexOf(s_kinds, name)) >= 0;

    public static string KindList => List(s_kinds);

    public static string StopReason(ToolRunStopReason reason) => Name(s_stopReasons, (int)reason, "stop reason");

    public static bool TryParseStopReason(string name, out ToolRunStopReason reason) => (reason = (ToolRunStopReason)Array.IndexOf(s_stopReasons, name)) >= 0;

    public static string StopReasonList => List(s_stopReasons);

    public static string HintList => List(s_hints);

    /// <summary>The names of the hints set in <paramref name="hints"/>, in bit order; null when there are none.</summary>
    /// <exception cref="ArgumentException">A bit is not a hint this version knows.</exception>
    public static List<string?>? Hints(ToolHints hints)
    {
        if (((int)hints & ~((1 << s_hints.Length) - 1)) != 0)
            throw new ArgumentException($"The hints {(int)hints} hold a bit that is not a known hint.", nameof(hints));
        List<string?>? names = null;
        for (int bit = 0; bit < s_hints.Length; bit++)
        {
            if (((int)hints & (1 << bit)) != 0) (names ??= []).Add(s_hints[bit]);
        }
        return names;
    }

    /// <summary>The bit of the hint <paramref name="name"/>, or 0 when it is not one.</summary>
    public static ToolHints Hint(string name)
    {
        int bit = Array.IndexOf(s_hints, name);
        return bit < 0 ? ToolHints.None : (ToolHints)(1 << bit);
    }

    private static string Name(string[] names, int value, string what) =>
        (uint)value < (uint)names.Length ? names[value] : throw new ArgumentException($"{value} is not a {what} the transcript format knows.");

    private static string List(string[] names) => string.Join(", ", names, 0, names.Length - 1) + " or " + names[^1];
}
