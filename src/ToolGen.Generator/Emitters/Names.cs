namespace ToolGen.Generator.Emitters;

/// <summary>Fully qualified names used in generated code.</summary>
internal static class Names
{
    public const string ToolResult = "global::ToolGen.ToolResult";
    public const string ToolSet = "global::ToolGen.ToolSet";
    public const string ToolDescriptor = "global::ToolGen.ToolDescriptor";
    public const string ToolContext = "global::ToolGen.ToolContext";
    public const string ToolHints = "global::ToolGen.ToolHints";
    public const string Arguments = "global::ToolGen.Serialization.ToolArguments";
    public const string ArgumentLocation = "global::ToolGen.Serialization.ToolArgumentLocation";
    public const string JsonNames = "global::ToolGen.Serialization.ToolJsonNames";
    public const string ResultWriter = "global::ToolGen.Serialization.ToolResultWriter";
    public const string Invocation = "global::ToolGen.Serialization.ToolInvocation";
    public const string TimeSpan = "global::System.TimeSpan";
    public const string Utf8JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
    public const string List = "global::System.Collections.Generic.List";
    public const string ValueTaskOfResult = "global::System.Threading.Tasks.ValueTask<global::ToolGen.ToolResult>";
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCodeAttribute(\"ToolGen\", \"" + ThisAssembly.Version + "\")]";
    public const string NeverBrowsable = "[global::System.ComponentModel.EditorBrowsableAttribute(global::System.ComponentModel.EditorBrowsableState.Never)]";
    public const string AggressiveInlining = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
}
