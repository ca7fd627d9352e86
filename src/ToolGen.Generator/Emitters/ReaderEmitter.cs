using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;
using ToolGen.Shared;

namespace ToolGen.Generator.Emitters;

/// <summary>
/// Emits the argument side of dispatch: per tool an <c>Invoke</c> method that reads the arguments object with
/// <c>Utf8JsonReader</c>, collects every problem with its JSON path, and calls the method only when there is none;
/// per composite type a reader helper.
/// </summary>
internal static class ReaderEmitter
{
    /// <summary>Emits <c>Invoke{index}</c> and <c>Match{index}</c> for <paramref name="tool"/>.</summary>
    public static void EmitInvoke(SourceWriter w, HelperRegistry helpers, ToolContainerSpec container, ToolSpec tool, int index)
    {
        string id = index.ToString(CultureInfo.InvariantCulture);
        List<(ToolParameterSpec Parameter, int Slot)> json = tool.Parameters
            .Where(static p => p.Binding == ParameterBinding.Json)
            .Select(static (p, slot) => (p, slot))
            .ToList();
        string toolName = CSharpLiteral.String(tool.ToolName);

        string instance = tool.IsStatic ? "" : container.TypeName + " instance, ";
        w.Open($"private static {Names.ValueTaskOfResult} Invoke{id}({instance}global::System.ReadOnlyMemory<byte> arguments, {Names.ToolContext}? context, global::System.Threading.CancellationToken cancellationToken)");
        w.Line($"{Names.Errors} errors = default;");
        foreach ((ToolParameterSpec p, int slot) in json)
        {
            w.Line($"{p.Type!.TypeName} a{slot} = {(p.HasDefault ? p.DefaultExpression : "default!")};");
            w.Line($"bool seen{slot} = false;");
        }

        w.Open("try");
        w.Line($"{Names.Utf8JsonReader} reader = {Names.Reader}.Create(arguments.Span);");
        w.Open($"if ({Names.Reader}.BeginArguments(ref reader, ref errors))");
        w.Open($"while ({Names.Reader}.NextProperty(ref reader))");
        w.Open($"switch ({(json.Count == 0 ? "-1" : "Match" + id + "(ref reader)")})");
        foreach ((ToolParameterSpec p, int slot) in json)
        {
            string path = CSharpLiteral.String(ToolNameRules.PropertyPath("$", p.JsonName));
            // A null for an optional parameter that cannot hold null means "use the default" (what strict-mode models send).
            string keepDefault = p.HasDefault && !p.Type!.IsNullable ? $" && reader.TokenType != {Names.JsonTokenType}.Null" : "";
            w.Line($"case {slot}:");
            w.Indent();
            w.Line($"if ({Names.Reader}.BeginValue(ref reader, ref errors, {path}, ref seen{slot}){keepDefault})");
            w.Line($"    {helpers.Reader(p.Type!)}(ref reader, ref errors, {path}, -1, out a{slot});");
            w.Line("break;");
            w.Unindent();
        }
        w.Line("default:");
        string accepted = CSharpLiteral.String(string.Join(", ", json.Select(static j => j.Parameter.JsonName)));
        w.Line($"    {Names.Reader}.UnknownProperty(ref reader, ref errors, \"$\", {accepted});");
        w.Line("    break;");
        w.Close();
        w.Close();
        w.Line($"{Names.Reader}.EndArguments(ref reader);");
        w.Close();
        w.Close();
        w.Open("catch (global::System.Text.Json.JsonException exception)");
        w.Line("errors.Add(\"$\", -1, \"the arguments are not valid JSON: \" + exception.Message);");
        w.Line($"return new {Names.ValueTaskOfResult}(errors.ToResult({toolName}));");
        w.Close();

        foreach ((ToolParameterSpec p, int slot) in json)
        {
            if (!p.IsRequired) continue;
            string path = CSharpLiteral.String(ToolNameRules.PropertyPath("$", p.JsonName));
            w.Line($"if (!seen{slot}) errors.AddMissing({path}, {CSharpLiteral.String(Expected(p.Type!))});");
        }
        w.Line($"if (errors.HasErrors) return new {Names.ValueTaskOfResult}(errors.ToResult({toolName}));");

        var arguments = new List<string>();
        int next = 0;
        foreach (ToolParameterSpec p in tool.Parameters)
        {
            arguments.Add(p.Binding switch
            {
                ParameterBinding.CancellationToken => "cancellationToken",
                ParameterBinding.ToolContext => $"context ?? new {Names.ToolContext}()",
                _ => "a" + (next++).ToString(CultureInfo.InvariantCulture),
            });
        }
        string target = tool.IsStatic ? container.TypeName : "instance";
        string call = $"{target}.{CSharpLiteral.Identifier(tool.MethodName)}({string.Join(", ", arguments)})";
        EmitReturn(w, helpers, tool, call);
        w.Close();

        if (json.Count > 0) EmitMatch(w, json.Select(static j => j.Parameter.JsonName).ToList(), id);
    }

    private static void EmitReturn(SourceWriter w, HelperRegistry helpers, ToolSpec tool, string call)
    {
        string Convert() => $"static value => {helpers.Result(tool.ReturnType!)}(value)";
        switch (tool.ReturnKind)
        {
            case ReturnKind.Void:
                w.Line(call + ";");
                w.Line($"return new {Names.ValueTaskOfResult}({Names.ToolResult}.Done);");
                break;
            case ReturnKind.Value:
                w.Line($"return new {Names.ValueTaskOfResult}({helpers.Result(tool.ReturnType!)}({call}));");
                break;
            case ReturnKind.Task:
                w.Line($"return {Names.Invocation}.FromTask({call});");
                break;
            case ReturnKind.ValueTask:
                w.Line($"return {Names.Invocation}.FromValueTask({call});");
                break;
            case ReturnKind.TaskOfT:
                w.Line($"return {Names.Invocation}.FromTask({call}, {Convert()});");
                break;
            case ReturnKind.ValueTaskOfT:
                w.Line($"return {Names.Invocation}.FromValueTask({call}, {Convert()});");
                break;
        }
    }

    // Exact UTF-8 comparison first (no allocation), then a case-insensitive fallback like System.Text.Json's web defaults.
    private static void EmitMatch(SourceWriter w, List<string> names, string id)
    {
        w.Line();
        w.Line($"private static readonly string[] s_names{id} = new string[] {{ {string.Join(", ", names.Select(CSharpLiteral.String))} }};");
        w.Line();
        w.Open($"private static int Match{id}(ref {Names.Utf8JsonReader} reader)");
        for (int i = 0; i < names.Count; i++)
            w.Line($"if (reader.ValueTextEquals({CSharpLiteral.Utf8(names[i])})) return {i.ToString(CultureInfo.InvariantCulture)};");
        w.Line($"return {Names.Reader}.MatchIgnoreCase(ref reader, s_names{id});");
        w.Close();
    }

    /// <summary>Emits the reader helper <paramref name="name"/> for a nullable, enum, array or list type.</summary>
    public static void EmitReader(SourceWriter w, HelperRegistry helpers, TypeSpec type, string name)
    {
        if (type.IsNullable)
        {
            TypeSpec inner = type.WithoutNullability();
            w.Open($"private static bool {name}({Names.ReadParameters}, out {type.TypeName} value)");
            w.Open($"if (reader.TokenType == {Names.JsonTokenType}.Null)");
            w.Line("value = null;");
            w.Line("return true;");
            w.Close();
            w.Line($"bool ok = {helpers.Reader(inner)}(ref reader, ref errors, path, index, out {inner.TypeName} item);");
            w.Line("value = item;");
            w.Line("return ok;");
            w.Close();
            return;
        }

        switch (type.Shape)
        {
            case TypeShape.Enum:
                EmitEnumReader(w, type, name);
                break;
            case TypeShape.Array:
            case TypeShape.List:
                EmitCollectionReader(w, helpers, type, name);
                break;
        }
    }

    private static void EmitEnumReader(SourceWriter w, TypeSpec type, string name)
    {
        IEnumerable<string> jsonNames = type.EnumMembers.Select(static m => m.JsonName);
        w.Line($"private static readonly byte[][] s_utf8{name} = new byte[][] {{ {string.Join(", ", jsonNames.Select(n => CSharpLiteral.Utf8(n) + ".ToArray()"))} }};");
        w.Line($"private static readonly string[] s_names{name} = new string[] {{ {string.Join(", ", jsonNames.Select(CSharpLiteral.String))} }};");
        w.Line();
        w.Open($"private static bool {name}({Names.ReadParameters}, out {type.TypeName} value)");
        w.Open($"switch ({Names.Reader}.MatchName(ref reader, s_utf8{name}, s_names{name}))");
        for (int i = 0; i < type.EnumMembers.Count; i++)
        {
            w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}: value = {type.TypeName}.{CSharpLiteral.Identifier(type.EnumMembers[i].Name)}; return true;");
        }
        w.Close();
        w.Line($"{Names.Reader}.NotOneOf(ref reader, ref errors, path, index, {CSharpLiteral.String(EnumList(type))});");
        w.Line("value = default;");
        w.Line("return false;");
        w.Close();
    }

    private static void EmitCollectionReader(SourceWriter w, HelperRegistry helpers, TypeSpec type, string name)
    {
        TypeSpec element = type.Element!;
        string complete = type.Shape == TypeShape.Array ? "items.ToArray()" : "items";
        w.Open($"private static bool {name}({Names.ReadParameters}, out {type.TypeName} value)");
        w.Line($"var items = new {Names.List}<{element.TypeName}>();");
        w.Open($"if (!{Names.Reader}.BeginArray(ref reader, ref errors, path, index, {CSharpLiteral.String(Expected(type))}))");
        w.Line($"value = {complete};");
        w.Line("return false;");
        w.Close();
        w.Line($"string itemPath = {Names.JsonPath}.Format(path, index);");
        w.Line("bool ok = true;");
        w.Line("int i = 0;");
        w.Open($"while ({Names.Reader}.NextItem(ref reader))");
        w.Line($"if ({helpers.Reader(element)}(ref reader, ref errors, itemPath, i, out {element.TypeName} item)) items.Add(item);");
        w.Line("else ok = false;");
        w.Line("i++;");
        w.Close();
        w.Line($"value = {complete};");
        w.Line("return ok;");
        w.Close();
    }

    /// <summary>What a value of <paramref name="type"/> must be, in words for the model: "a string", "an array of integers"…</summary>
    public static string Expected(TypeSpec type)
    {
        string text = type.Shape switch
        {
            TypeShape.String => "a string",
            TypeShape.Boolean => "true or false",
            TypeShape.SByte => "an integer from -128 to 127",
            TypeShape.Byte => "an integer from 0 to 255",
            TypeShape.Int16 => "an integer from -32768 to 32767",
            TypeShape.UInt16 => "an integer from 0 to 65535",
            TypeShape.UInt32 or TypeShape.UInt64 => "an integer of at least 0",
            TypeShape.Int32 or TypeShape.Int64 => "an integer",
            TypeShape.Single or TypeShape.Double or TypeShape.Decimal => "a number",
            TypeShape.Enum => "one of " + EnumList(type),
            _ => "an array",
        };
        return type.IsNullable ? text + " or null" : text;
    }

    private static string EnumList(TypeSpec type) => string.Join(", ", type.EnumMembers.Select(static m => "\"" + m.JsonName + "\""));
}
