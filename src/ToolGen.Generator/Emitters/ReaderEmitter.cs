using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;
using ToolGen.Generator.Parsing;
using ToolGen.Shared;

namespace ToolGen.Generator.Emitters;

/// <summary>
/// Emits the argument side of dispatch: per tool an <c>Invoke{Method}</c> method that reads the arguments object with
/// a <c>ToolArguments</c> reader, collects every problem with its JSON path, and calls the method only when there is
/// none; per composite type (object, collection, enum, nullable) a reader <c>bool Read{Type}(ref ToolArguments args,
/// out T value)</c>.
/// </summary>
internal static class ReaderEmitter
{
    /// <summary>A value read from one JSON property: a tool parameter or an object member, and its locals.</summary>
    private sealed record Slot(int Index, string JsonName, TypeSpec Type, ConstraintSpec Constraints, bool IsRequired, DefaultValueSpec? Default, bool AssignedAfterConstruction = false)
    {
        /// <summary>A null means "use the default" for an optional slot that cannot hold null.</summary>
        public bool NullMeansDefault => !IsRequired && !Type.IsNullable;

        /// <summary>A null must be remembered: the member is set after construction only when a value was given.</summary>
        public bool TracksNull => NullMeansDefault && AssignedAfterConstruction;

        public string Local { get; init; } = "";
        public string Seen { get; init; } = "";
        public string Null { get; init; } = "";
        public string Member => CSharpLiteral.String(ToolNameRules.PropertyPath("", JsonName));
    }

    private static readonly string[] s_invokeNames = { "arguments", "context", "cancellationToken", "instance", "args", "exception" };
    private static readonly string[] s_readerNames = { "args", "value", "parent", "problems" };

    /// <summary>Emits <c>{name}</c>, the invoker of <paramref name="tool"/>.</summary>
    public static void EmitInvoke(SourceWriter w, HelperRegistry helpers, ToolContainerSpec container, ToolSpec tool, string name)
    {
        var locals = new HelperNames.Locals(s_invokeNames);
        List<Slot> slots = tool.Parameters
            .Where(static p => p.Binding == ParameterBinding.Json)
            .Select((p, i) => Named(new Slot(i, p.JsonName, p.Type!, p.Constraints, p.IsRequired, p.HasDefault ? p.Default : null), p.Name, locals, trackNulls: false))
            .ToList();
        string toolName = CSharpLiteral.String(tool.ToolName);
        string properties = slots.Count == 0 ? Names.JsonNames + ".None" : helpers.JsonNames(tool.MethodName + "Arguments", slots.Select(static s => s.JsonName));

        string instance = tool.IsStatic ? "" : container.TypeName + " instance, ";
        w.Open($"private static {Names.ValueTaskOfResult} {name}({instance}global::System.ReadOnlyMemory<byte> arguments, {Names.ToolContext}? context, global::System.Threading.CancellationToken cancellationToken)");
        w.Line($"{Names.Arguments} args = new(arguments.Span);");
        EmitLocals(w, slots, trackNulls: false);
        w.Open("try");
        w.Open("if (args.BeginArguments())");
        EmitPropertyLoop(w, helpers, slots, properties, trackNulls: false);
        w.Line("args.EndArguments();");
        w.Close();
        w.Close();
        w.Open($"catch (global::System.Exception exception) when ({Names.Arguments}.IsMalformed(exception))");
        w.Line("args.AddMalformed(exception);");
        w.Line($"return args.Invalid({toolName});");
        w.Close();
        EmitMissingChecks(w, slots);
        w.Line($"if (args.HasErrors) return args.Invalid({toolName});");

        // Services are taken once the arguments are known to be good: a bad call fails on its arguments alone.
        var services = new Dictionary<string, string>();
        foreach (ToolParameterSpec p in tool.Parameters)
        {
            if (p.Binding != ParameterBinding.Service) continue;
            services[p.Name] = locals.Take(p.Name);
            ServiceEmitter.EmitResolve(w, p.Service!, services[p.Name], toolName);
        }

        var arguments = new List<string>();
        int next = 0;
        foreach (ToolParameterSpec p in tool.Parameters)
        {
            arguments.Add(p.Binding switch
            {
                ParameterBinding.CancellationToken => "cancellationToken",
                ParameterBinding.ToolContext => $"context ?? new {Names.ToolContext}()",
                ParameterBinding.Service => services[p.Name],
                _ => slots[next++].Local,
            });
        }
        string target = tool.IsStatic ? container.TypeName : "instance";
        EmitReturn(w, helpers, tool, $"{target}.{CSharpLiteral.Identifier(tool.MethodName)}({string.Join(", ", arguments)})");
        w.Close();
    }

    // Names a slot's locals after the parameter or member it holds: city, seenCity (and cityIsNull when null is tracked).
    private static Slot Named(Slot slot, string name, HelperNames.Locals locals, bool trackNulls)
    {
        string local = locals.Take(name);
        string pascal = HelperNames.Pascal(local.TrimStart('@'));
        return slot with
        {
            Local = local,
            Seen = locals.Take("seen" + pascal),
            Null = trackNulls && slot.TracksNull ? locals.Take(local.TrimStart('@') + "IsNull") : "",
        };
    }

    private static void EmitLocals(SourceWriter w, List<Slot> slots, bool trackNulls)
    {
        foreach (Slot slot in slots)
        {
            TypeSpec storage = HelperRegistry.Storage(slot.Type);
            w.Line($"{storage.TypeName} {slot.Local} = {(slot.Default is null ? Empty(storage) : DefaultExpression(slot.Default))};");
            w.Line($"bool {slot.Seen} = false;");
            if (trackNulls && slot.TracksNull) w.Line($"bool {slot.Null} = false;");
        }
    }

    // What a local holds before anything is read: default for value types and nullable types, default! for the rest.
    private static string Empty(TypeSpec type) => type.IsReferenceType && !type.IsNullable ? "default!" : "default";

    /// <summary>A default value as C#, as a developer would write it: <c>10</c>, <c>"metric"</c>, <c>TemperatureUnit.Celsius</c>.</summary>
    public static string DefaultExpression(DefaultValueSpec value)
    {
        switch (value.Kind)
        {
            case DefaultValueKind.Zero: return "default";
            case DefaultValueKind.Null: return "null";
            case DefaultValueKind.Empty: return "default!";
            case DefaultValueKind.String: return CSharpLiteral.String(value.Text);
            case DefaultValueKind.Char: return CharLiteral(value.Text[0]);
            case DefaultValueKind.Decimal: return value.Text + "M";
            case DefaultValueKind.Single: return Real(value.Text, "float", "F");
            case DefaultValueKind.Double: return Real(value.Text, "double", "");
            case DefaultValueKind.Enum when value.EnumMember is not null:
                return value.EnumType + "." + CSharpLiteral.Identifier(value.EnumMember);
            case DefaultValueKind.Enum:
                return $"({value.EnumType})" + (value.Text.StartsWith("-", System.StringComparison.Ordinal) ? "(" + value.Text + ")" : value.Text);
            default: return value.Text;   // Boolean, Integer.
        }
    }

    private static string Real(string text, string type, string suffix) => text switch
    {
        "NaN" => type + ".NaN",
        "Infinity" => type + ".PositiveInfinity",
        "-Infinity" => type + ".NegativeInfinity",
        _ when text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0 => text + ".0" + suffix,
        _ => text + suffix,
    };

    private static string CharLiteral(char c) => c switch
    {
        '\\' => @"'\\'",
        '\'' => @"'\''",
        _ when c < ' ' || c > '~' => "'\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + "'",
        _ => "'" + c + "'",
    };

    // switch on which name the reader is on: each name tested exactly, inline, the way hand-written code would (no table
    // loop), then the case-insensitive fallback for what models sometimes send ("City" for "city").
    private static void EmitMatchSwitch(SourceWriter w, List<string> names, string table, string test)
    {
        if (names.Count == 0)
        {
            w.Open($"switch (args.MatchIgnoringCase({table}))");
            return;
        }
        w.Line($"switch (args.{test}({CSharpLiteral.Utf8(names[0])}) ? 0");
        for (int i = 1; i < names.Count; i++)
            w.Line($"    : args.{test}({CSharpLiteral.Utf8(names[i])}) ? {i.ToString(CultureInfo.InvariantCulture)}");
        w.Line($"    : args.MatchIgnoringCase({table}))");
        w.Line("{");
        w.Indent();
    }

    // The loop over an object's properties: match the name, read the value into its slot, check its constraints.
    private static void EmitPropertyLoop(SourceWriter w, HelperRegistry helpers, List<Slot> slots, string properties, bool trackNulls)
    {
        if (slots.Count == 0)
        {
            w.Line($"while (args.NextProperty()) args.UnknownProperty({properties});");
            return;
        }
        w.Open("while (args.NextProperty())");
        EmitMatchSwitch(w, slots.Select(static s => s.JsonName).ToList(), properties, "NameIs");
        foreach (Slot slot in slots)
        {
            bool trackNull = trackNulls && slot.TracksNull;
            // A null for an optional slot that cannot hold null means "use the default" (what strict-mode models send).
            bool skipNull = slot.NullMeansDefault && !trackNull;
            string begin = $"args.BeginProperty({slot.Member}, ref {slot.Seen})";
            string read = helpers.Read(slot.Type, slot.Local);
            List<string> checks = Checks(helpers, slot);
            w.Line($"case {slot.Index.ToString(CultureInfo.InvariantCulture)}: // {Comment(slot.JsonName)}");
            w.Indent();
            if (trackNull)
            {
                w.Open($"if ({begin})");
                w.Line($"if (args.IsNull) {slot.Null} = true;");
                EmitRead(w, "else ", "", read, slot, checks);
                w.Close();
            }
            else
            {
                EmitRead(w, "", begin + (skipNull ? " && !args.IsNull" : ""), read, slot, checks);
            }
            w.Line("break;");
            w.Unindent();
        }
        w.Line("default:");
        w.Line($"    args.UnknownProperty({properties});");
        w.Line("    break;");
        w.Close();
        w.Close();
    }

    // A JSON name as a comment: control characters (a line break would end the comment) become spaces.
    private static string Comment(string text) => new(text.Select(static c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c).ToArray());

    // Reads a slot when guard holds: "if (guard) read;", or with checks "if (guard && read) { checks }".
    private static void EmitRead(SourceWriter w, string prefix, string guard, string read, Slot slot, List<string> checks)
    {
        if (checks.Count == 0)
        {
            w.Line(guard.Length == 0 ? $"{prefix}{read};" : $"{prefix}if ({guard}) {read};");
            return;
        }
        string condition = guard.Length == 0 ? read : guard + " && " + read;
        // Only a nullable slot can hold null after a successful read (testing a non-nullable one would make the compiler doubt it).
        if (slot.Type.IsNullable) condition += $" && {slot.Local} is not null";
        w.Open($"{prefix}if ({condition})");
        foreach (string check in checks) w.Line(check);
        w.Close();
    }

    private static void EmitMissingChecks(SourceWriter w, List<Slot> slots)
    {
        foreach (Slot slot in slots)
        {
            if (slot.IsRequired) w.Line($"if (!{slot.Seen}) args.AddMissing({slot.Member}, {CSharpLiteral.String(Expected(slot.Type))});");
        }
    }

    // DataAnnotations checks on a value that was read successfully and is not null.
    private static List<string> Checks(HelperRegistry helpers, Slot slot)
    {
        ConstraintSpec c = slot.Constraints;
        TypeSpec type = slot.Type;
        string value = type.IsNullableValueType ? slot.Local + ".Value" : slot.Local;
        var checks = new List<string>();
        bool isNumber = type.Shape is >= TypeShape.SByte and <= TypeShape.Decimal;
        bool isCollection = type.Shape is TypeShape.Array or TypeShape.List or TypeShape.Set;
        if (isNumber && (c.Minimum is not null || c.Maximum is not null))
            checks.Add($"args.CheckRange({(type.Shape == TypeShape.Decimal ? "(double)" : "")}{value}, {Bound(c.Minimum, "double.NegativeInfinity")}, {Bound(c.Maximum, "double.PositiveInfinity")});");
        if (c.MinLength >= 0 || c.MaxLength >= 0)
        {
            string bounds = $"{c.MinLength.ToString(CultureInfo.InvariantCulture)}, {c.MaxLength.ToString(CultureInfo.InvariantCulture)}";
            if (type.Shape == TypeShape.String) checks.Add($"args.CheckLength({value}, {bounds});");
            else if (isCollection) checks.Add($"args.CheckCount({value}.{(type.Shape == TypeShape.Array ? "Length" : "Count")}, {bounds});");
        }
        if (type.Shape == TypeShape.String)
        {
            if (c.ReaderPattern is not null) checks.Add($"args.CheckPattern({value}, {helpers.Regex(c.ReaderPattern, c.ReaderPatternIsEcma, slot.Local.TrimStart('@'))}, {CSharpLiteral.String(c.Pattern!)});");
            if (c.Format == "email") checks.Add($"args.CheckEmail({value});");
            if (c.Format == "uri") checks.Add($"args.CheckUrl({value});");
        }
        return checks;
    }

    private static string Bound(string? value, string absent) => value is null ? absent : value + "D";

    private static void EmitReturn(SourceWriter w, HelperRegistry helpers, ToolSpec tool, string call)
    {
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
                w.Line($"return {Names.Invocation}.FromTask({call}, {helpers.Result(tool.ReturnType!)});");
                break;
            case ReturnKind.ValueTaskOfT:
                w.Line($"return {Names.Invocation}.FromValueTask({call}, {helpers.Result(tool.ReturnType!)});");
                break;
        }
    }

    /// <summary>Emits the reader <paramref name="name"/> for a nullable, enum, collection or object type (already its storage type).</summary>
    public static void EmitReader(SourceWriter w, HelperRegistry helpers, TypeSpec type, string name)
    {
        string signature = $"private static bool {name}(ref {Names.Arguments} args, out {type.TypeName} value)";
        if (type.IsNullable)
        {
            TypeSpec inner = type.WithoutNullability();
            w.Open(signature);
            w.Open("if (args.IsNull)");
            w.Line("value = null;");
            w.Line("return true;");
            w.Close();
            w.Line($"bool ok = {helpers.Read(inner, $"{HelperRegistry.Storage(inner).TypeName} item")};");
            w.Line("value = item;");
            w.Line("return ok;");
            w.Close();
            return;
        }

        switch (type.Shape)
        {
            case TypeShape.Enum:
                EmitEnumReader(w, helpers, type, signature);
                break;
            case TypeShape.Array:
                w.Open(signature);
                TypeSpec list = HelperRegistry.Storage(type with { Shape = TypeShape.List, TypeName = "", NonNullableTypeName = "" });
                w.Line($"bool ok = {helpers.Read(list, $"{list.TypeName} items")};");
                w.Line("value = items.ToArray();");
                w.Line("return ok;");
                w.Close();
                break;
            case TypeShape.List:
            case TypeShape.Set:
                EmitCollectionReader(w, helpers, type, signature);
                break;
            case TypeShape.Dictionary:
                EmitDictionaryReader(w, helpers, type, signature);
                break;
            case TypeShape.Object:
                EmitObjectReader(w, helpers, helpers.Objects[type], type, signature);
                break;
        }
    }

    private static void EmitEnumReader(SourceWriter w, HelperRegistry helpers, TypeSpec type, string signature)
    {
        string names = helpers.EnumNames(type);
        w.Open(signature);
        EmitMatchSwitch(w, type.EnumMembers.Select(static m => m.JsonName).ToList(), names, "ValueIs");
        for (int i = 0; i < type.EnumMembers.Count; i++)
            w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}: value = {type.TypeName}.{CSharpLiteral.Identifier(type.EnumMembers[i].Name)}; return true;");
        w.Line($"default: value = default; return args.NotOneOf({names});");
        w.Close();
        w.Close();
    }

    private static void EmitCollectionReader(SourceWriter w, HelperRegistry helpers, TypeSpec type, string signature)
    {
        TypeSpec element = type.Element!;
        w.Open(signature);
        w.Line($"value = new {type.TypeName}();");
        w.Line($"if (!args.BeginArray(out {Names.ArgumentLocation} parent)) return false;");
        w.Line("bool ok = true;");
        w.Open("while (args.NextItem())");
        w.Line($"if ({helpers.Read(element, $"{HelperRegistry.Storage(element).TypeName} item")}) value.Add(item);");
        w.Line("else ok = false;");
        w.Close();
        w.Line("args.End(parent);");
        w.Line("return ok;");
        w.Close();
    }

    private static void EmitDictionaryReader(SourceWriter w, HelperRegistry helpers, TypeSpec type, string signature)
    {
        TypeSpec element = type.Element!;
        w.Open(signature);
        w.Line($"value = new {type.TypeName}(global::System.StringComparer.Ordinal);");
        w.Line($"if (!args.BeginObject(out {Names.ArgumentLocation} parent)) return false;");
        w.Line("bool ok = true;");
        w.Open("while (args.NextProperty())");
        w.Line("string key = args.PropertyName();");
        w.Line($"if (args.BeginEntry(key, value.ContainsKey(key)) && {helpers.Read(element, $"{HelperRegistry.Storage(element).TypeName} item")}) value.Add(key, item);");
        w.Line("else ok = false;");
        w.Close();
        w.Line("args.End(parent);");
        w.Line("return ok;");
        w.Close();
    }

    private static void EmitObjectReader(SourceWriter w, HelperRegistry helpers, ObjectSpec spec, TypeSpec type, string signature)
    {
        var locals = new HelperNames.Locals(s_readerNames);
        List<(Slot Slot, MemberSpec Member)> members = spec.Members
            .Where(static m => m.IsReadable)
            .Select((m, i) => (Named(new Slot(i, m.JsonName, m.Type, m.Constraints, m.IsRequired, m.Default,
                AssignedAfterConstruction: m.Binding is MemberBinding.Setter or MemberBinding.Init && !m.IsCSharpRequired), JsonNaming.CamelCase(m.Name), locals, trackNulls: true), m))
            .ToList();
        List<Slot> slots = members.Select(static m => m.Slot).ToList();
        string properties = slots.Count == 0 ? Names.JsonNames + ".None" : helpers.JsonNames(helpers.TypeName(spec.TypeName) + "Properties", slots.Select(static s => s.JsonName));

        w.Open(signature);
        w.Line(spec.IsValueType ? "value = default;" : "value = default!;");
        w.Line($"if (!args.BeginObject(out {Names.ArgumentLocation} parent)) return false;");
        w.Line("int problems = args.ErrorCount;");
        EmitLocals(w, slots, trackNulls: true);
        EmitPropertyLoop(w, helpers, slots, properties, trackNulls: true);
        EmitMissingChecks(w, slots);
        w.Line("args.End(parent);");
        w.Line("if (args.ErrorCount != problems) return false;");

        string[] arguments = spec.ConstructorArguments.Select(static a => a.Value is null ? "" : DefaultExpression(a.Value)).ToArray();
        foreach ((Slot slot, MemberSpec member) in members)
        {
            if (member.Binding == MemberBinding.Constructor) arguments[member.ConstructorIndex] = slot.Local;
        }
        string[] initializers = members
            .Where(static m => m.Member.IsCSharpRequired && m.Member.Binding != MemberBinding.Constructor)
            .Select(static m => $"{CSharpLiteral.Identifier(m.Member.Name)} = {m.Slot.Local}")
            .ToArray();
        w.Line($"value = new {spec.TypeName}({string.Join(", ", arguments)}){(initializers.Length == 0 ? "" : " { " + string.Join(", ", initializers) + " }")};");
        foreach ((Slot slot, MemberSpec member) in members)
        {
            if (member.IsCSharpRequired) continue;
            string given = slot.TracksNull ? $"{slot.Seen} && !{slot.Null}" : slot.Seen;
            if (member.Binding == MemberBinding.Setter) w.Line($"if ({given}) value.{CSharpLiteral.Identifier(member.Name)} = {slot.Local};");
            else if (member.Binding == MemberBinding.Init) w.Line($"if ({given}) {helpers.InitSetter(spec, member)}({(spec.IsValueType ? "ref " : "")}value, {slot.Local});");
        }
        w.Line("return true;");
        w.Close();
    }

    /// <summary>What a value of <paramref name="type"/> must be, in words for the model: "a string", "an array"…</summary>
    public static string Expected(TypeSpec type)
    {
        string text = type.Shape switch
        {
            TypeShape.String => "a string",
            TypeShape.Char => "a string of one character",
            TypeShape.Boolean => "true or false",
            TypeShape.SByte => "an integer from -128 to 127",
            TypeShape.Byte => "an integer from 0 to 255",
            TypeShape.Int16 => "an integer from -32768 to 32767",
            TypeShape.UInt16 => "an integer from 0 to 65535",
            TypeShape.UInt32 or TypeShape.UInt64 => "an integer of at least 0",
            TypeShape.Int32 or TypeShape.Int64 => "an integer",
            TypeShape.Single or TypeShape.Double or TypeShape.Decimal => "a number",
            TypeShape.DateTime or TypeShape.DateTimeOffset => "an ISO 8601 date and time",
            TypeShape.DateOnly => "a date (yyyy-MM-dd)",
            TypeShape.TimeOnly => "a time of day (HH:mm:ss)",
            TypeShape.TimeSpan => "an ISO 8601 duration",
            TypeShape.Guid => "a UUID",
            TypeShape.Uri => "a URI",
            TypeShape.Enum => "one of " + EnumList(type),
            TypeShape.Object or TypeShape.Dictionary or TypeShape.JsonObject => "an object",
            TypeShape.JsonElement or TypeShape.JsonNode => "a JSON value",
            _ => "an array",
        };
        return type.IsNullable ? text + " or null" : text;
    }

    private static string EnumList(TypeSpec type) => string.Join(", ", type.EnumMembers.Select(static m => "\"" + m.JsonName + "\""));
}
