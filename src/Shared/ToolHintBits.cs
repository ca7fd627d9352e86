namespace ToolGen.Shared;

/// <summary>
/// The bit of each tool hint, defined once: the runtime's <c>ToolHints</c> enum takes its values from here, and the
/// generator reads <c>[Tool(ReadOnly = true, …)]</c> into these bits and writes them back as <c>ToolHints</c> members.
/// </summary>
internal static class ToolHintBits
{
    public const int ReadOnly = 1;
    public const int Destructive = 2;
    public const int Idempotent = 4;
    public const int RequiresApproval = 8;
    public const int OpenWorld = 16;

    /// <summary>The hints' names (the <c>[Tool]</c> property and the <c>ToolHints</c> member), by bit position.</summary>
    public static readonly string[] Names = ["ReadOnly", "Destructive", "Idempotent", "RequiresApproval", "OpenWorld"];

    /// <summary>The bit of the <c>[Tool]</c> property <paramref name="name"/>, or 0 when it is not a hint.</summary>
    public static int Of(string name)
    {
        for (int bit = 0; bit < Names.Length; bit++)
        {
            if (Names[bit] == name) return 1 << bit;
        }
        return 0;
    }
}
