using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Emitters;

/// <summary>
/// Emits the <c>IToolSchema&lt;T&gt;</c> implementation of a <c>[ToolSchema]</c> type: its schema (standard and strict) and
/// a <c>TryRead</c> built on the same object reader the tools use.
/// </summary>
internal static class SchemaTypeEmitter
{
    public static SourceText Emit(SchemaTypeSpec spec, CancellationToken cancellationToken)
    {
        ToolContainerSpec container = spec.Container;
        var objects = new ObjectGraph(container.Objects);
        ObjectSpec root = objects[spec.RootTypeName];
        string standard = spec.Schema!;
        string? strict = spec.StrictSchema;
        string self = container.TypeName;

        var w = new SourceWriter();
        FileFrame.Open(w, container, $" : global::ToolGen.IToolSchema<{self}>");

        w.Line("/// <inheritdoc/>");
        w.Line($"static string global::ToolGen.IToolSchema<{self}>.SchemaName => {CSharpLiteral.String(spec.Name)};");
        w.Line("/// <inheritdoc/>");
        w.Line($"static string global::ToolGen.IToolSchema<{self}>.SchemaDescription => {CSharpLiteral.String(spec.Description)};");
        w.Line("/// <inheritdoc/>");
        w.Line($"static global::System.ReadOnlyMemory<byte> global::ToolGen.IToolSchema<{self}>.JsonSchema => __ToolGenSchema.Schema;");
        w.Line("/// <inheritdoc/>");
        w.Line($"static global::System.ReadOnlyMemory<byte> global::ToolGen.IToolSchema<{self}>.StrictJsonSchema => __ToolGenSchema.StrictSchema;");
        w.Line("/// <inheritdoc/>");
        w.Line($"static bool global::ToolGen.IToolSchema<{self}>.TryRead(global::System.ReadOnlyMemory<byte> json, out {self} value, out {Names.ToolResult}? error) =>");
        w.Line("    __ToolGenSchema.TryRead(json, out value, out error);");
        w.Line();
        w.Line(Names.GeneratedCode);
        w.Line(Names.NeverBrowsable);
        w.Open("private static class __ToolGenSchema");
        w.Line($"internal static readonly byte[] Schema = {CSharpLiteral.RawUtf8(standard)}.ToArray();");
        w.Line($"internal static readonly byte[] StrictSchema = {(strict is null ? "global::System.Array.Empty<byte>()" : CSharpLiteral.RawUtf8(strict) + ".ToArray()")};");
        w.Line();
        var helpers = new HelperRegistry(objects, "Schema", "StrictSchema", "TryRead");
        string read = helpers.Read(new TypeSpec { Shape = TypeShape.Object, TypeName = self, NonNullableTypeName = self, IsReferenceType = !root.IsValueType }, "value");
        w.Open($"internal static bool TryRead(global::System.ReadOnlyMemory<byte> json, out {self} value, out {Names.ToolResult}? error)");
        w.Line($"{Names.Arguments} args = new(json.Span);");
        w.Line(root.IsValueType ? "value = default;" : "value = default!;");
        w.Open("try");
        w.Line("args.BeginDocument();");
        w.Line($"if ({read}) args.EndArguments();");
        w.Close();
        w.Open($"catch (global::System.Exception exception) when ({Names.Arguments}.IsMalformed(exception))");
        w.Line("args.AddMalformed(exception);");
        w.Close();
        w.Line($"error = args.HasErrors ? args.ToResult({CSharpLiteral.String(spec.Name)}) : null;");
        w.Line("return !args.HasErrors;");
        w.Close();
        cancellationToken.ThrowIfCancellationRequested();
        helpers.EmitPending(w);
        w.Close();
        FileFrame.Close(w, container);
        return SourceText.From(w.ToString(), Encoding.UTF8);
    }
}
