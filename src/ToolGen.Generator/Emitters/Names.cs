namespace ToolGen.Generator.Emitters;

/// <summary>Fully qualified names used in generated code.</summary>
internal static class Names
{
    public const string ToolResult = "global::ToolGen.ToolResult";
    public const string ToolSet = "global::ToolGen.ToolSet";
    public const string ToolDescriptor = "global::ToolGen.ToolDescriptor";
    public const string ToolContext = "global::ToolGen.ToolContext";
    public const string ToolHints = "global::ToolGen.ToolHints";
    public const string Reader = "global::ToolGen.Serialization.ToolArgumentReader";
    public const string Errors = "global::ToolGen.Serialization.ToolArgumentErrors";
    public const string JsonPath = "global::ToolGen.Serialization.ToolJsonPath";
    public const string ResultWriter = "global::ToolGen.Serialization.ToolResultWriter";
    public const string Invocation = "global::ToolGen.Serialization.ToolInvocation";
    public const string Utf8JsonReader = "global::System.Text.Json.Utf8JsonReader";
    public const string Utf8JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
    public const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
    public const string List = "global::System.Collections.Generic.List";
    public const string ValueTaskOfResult = "global::System.Threading.Tasks.ValueTask<global::ToolGen.ToolResult>";
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCodeAttribute(\"ToolGen\", \"" + ThisAssembly.Version + "\")]";
    public const string NeverBrowsable = "[global::System.ComponentModel.EditorBrowsableAttribute(global::System.ComponentModel.EditorBrowsableState.Never)]";

    /// <summary>The reader/writer signature's parameter list after the reader (see <see cref="ReaderEmitter"/>).</summary>
    public const string ReadParameters = "ref " + Utf8JsonReader + " reader, ref " + Errors + " errors, string path, string member, int index";
}
