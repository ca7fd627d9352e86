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
/// per composite type (object, collection, enum, nullable) a reader helper with the signature
/// <c>(ref reader, ref errors, string path, string member, int index, out T value) → bool</c>.
/// </summary>
internal static class ReaderEmitter
{
    private const string Constraints = "global::ToolGen.Serialization.ToolArgumentConstraints";

    /// <summary>A value read from one JSON property: a tool parameter or an object member.</summary>
    private sealed record Slot(int Index, string JsonName, TypeSpec Type, ConstraintSpec Constraints, bool IsRequired, string? DefaultExpression, bool AssignedAfterConstruction = false)
    {
        /// <summary>A null means "use the default" for an optional slot that cannot hold null.</summary>
        public bool NullMeansDefault => !IsRequired && !Type.IsNullable;

        /// <summary>A null must be remembered: the member is set after construction only when a value was given.</summary>
        public bool TracksNull => NullMeansDefault && AssignedAfterConstruction;

        public string Local => "a" + Index.ToString(CultureInfo.InvariantCulture);
        public string Seen => "seen" + Index.ToString(CultureInfo.InvariantCulture);
        public string Null => "null" + Index.ToString(CultureInfo.InvariantCulture);
        public string Member => CSharpLiteral.String(ToolNameRules.PropertyPath("", JsonName));
    }

    /// <summary>Emits <c>Invoke{index}</c> (and its property matcher) for <paramref name="tool"/>.</summary>
    public static void EmitInvoke(SourceWriter w, HelperRegistry helpers, ToolContainerSpec container, ToolSpec tool, int index)
    {
        string id = index.ToString(CultureInfo.InvariantCulture);
        List<Slot> slots = tool.Parameters
            .Where(static p => p.Binding == ParameterBinding.Json)
            .Select(static (p, i) => new Slot(i, p.JsonName, p.Type!, p.Constraints, p.IsRequired, p.HasDefault ? p.DefaultExpression : null))
            .ToList();
        string toolName = CSharpLiteral.String(tool.ToolName);
        string result = Names.ValueTaskOfResult;

        string instance = tool.IsStatic ? "" : container.TypeName + " instance, ";
        w.Open($"private static {result} Invoke{id}({instance}global::System.ReadOnlyMemory<byte> arguments, {Names.ToolContext}? context, global::System.Threading.CancellationToken cancellationToken)");
        w.Line($"{Names.Errors} errors = default;");
        EmitLocals(w, slots, trackNulls: false);
        w.Open("try");
        w.Line($"{Names.Utf8JsonReader} reader = {Names.Reader}.Create(arguments.Span);");
        w.Open($"if ({Names.Reader}.BeginArguments(ref reader, ref errors))");
        EmitPropertyLoop(w, helpers, slots, "Match" + id, "\"$\"", trackNulls: false);
        w.Line($"{Names.Reader}.EndArguments(ref reader);");
        w.Close();
        w.Close();
        w.Open($"catch (global::System.Exception exception) when ({Names.Reader}.IsMalformed(exception))");
        w.Line($"errors.Add(\"$\", \"\", -1, {Names.Reader}.DescribeMalformed(exception));");
        w.Line($"return new {result}(errors.ToResult({toolName}));");
        w.Close();
        EmitMissingChecks(w, slots, "\"$\"");
        w.Line($"if (errors.HasErrors) return new {result}(errors.ToResult({toolName}));");

        var arguments = new List<string>();
        int next = 0;
        foreach (ToolParameterSpec p in tool.Parameters)
        {
            arguments.Add(p.Binding switch
            {
                ParameterBinding.CancellationToken => "cancellationToken",
                ParameterBinding.ToolContext => $"context ?? new {Names.ToolContext}()",
                _ => slots[next++].Local,
            });
        }
        string target = tool.IsStatic ? container.TypeName : "instance";
        EmitReturn(w, helpers, tool, $"{target}.{CSharpLiteral.Identifier(tool.MethodName)}({string.Join(", ", arguments)})");
        w.Close();

        EmitMatch(w, slots, "Match" + id);
    }

    private static void EmitLocals(SourceWriter w, List<Slot> slots, bool trackNulls)
    {
        foreach (Slot slot in slots)
        {
            w.Line($"{slot.Type.TypeName} {slot.Local} = {slot.DefaultExpression ?? "default!"};");
            w.Line($"bool {slot.Seen} = false;");
            if (trackNulls && slot.TracksNull) w.Line($"bool {slot.Null} = false;");
        }
    }

    // The loop over an object's properties: match the name, read the value into its slot, check its constraints.
    private static void EmitPropertyLoop(SourceWriter w, HelperRegistry helpers, List<Slot> slots, string matcher, string path, bool trackNulls)
    {
        w.Open($"while ({Names.Reader}.NextProperty(ref reader))");
        w.Open($"switch ({(slots.Count == 0 ? "-1" : matcher + "(ref reader)")})");
        foreach (Slot slot in slots)
        {
            // A null for an optional slot that cannot hold null means "use the default" (what strict-mode models send).
            bool nullMeansDefault = slot.NullMeansDefault;
            bool trackNull = trackNulls && slot.TracksNull;
            string begin = $"{Names.Reader}.BeginValue(ref reader, ref errors, {path}, {slot.Member}, ref {slot.Seen})";
            string read = $"{helpers.Reader(slot.Type)}(ref reader, ref errors, {path}, {slot.Member}, -1, out {slot.Local})";
            List<string> checks = Checks(helpers, slot, path);
            w.Line($"case {slot.Index.ToString(CultureInfo.InvariantCulture)}:");
            w.Indent();
            w.Open($"if ({begin})");
            string otherwise = "";
            if (trackNull)
            {
                w.Line($"if (reader.TokenType == {Names.JsonTokenType}.Null) {slot.Null} = true;");
                otherwise = "else ";
            }
            else if (nullMeansDefault)
            {
                read = $"reader.TokenType != {Names.JsonTokenType}.Null && {read}";
            }
            // Only a nullable slot can hold null after a successful read (testing a non-nullable one would make the compiler doubt it).
            string condition = read + (slot.Type.IsNullable ? $" && {slot.Local} is not null" : "");
            if (checks.Count == 0)
            {
                w.Line($"{otherwise}{(nullMeansDefault && !trackNull ? "_ = " : "")}{read};");
            }
            else
            {
                w.Open($"{otherwise}if ({condition})");
                foreach (string check in checks) w.Line(check);
                w.Close();
            }
            w.Close();
            w.Line("break;");
            w.Unindent();
        }
        w.Line("default:");
        w.Line($"    {Names.Reader}.UnknownProperty(ref reader, ref errors, {path}, {CSharpLiteral.String(string.Join(", ", slots.Select(static s => s.JsonName)))});");
        w.Line("    break;");
        w.Close();
        w.Close();
    }

    private static void EmitMissingChecks(SourceWriter w, List<Slot> slots, string path)
    {
        foreach (Slot slot in slots)
        {
            if (slot.IsRequired) w.Line($"if (!{slot.Seen}) errors.AddMissing({path}, {slot.Member}, {CSharpLiteral.String(Expected(slot.Type))});");
        }
    }

    // DataAnnotations checks on a value that was read successfully and is not null.
    private static List<string> Checks(HelperRegistry helpers, Slot slot, string path)
    {
        ConstraintSpec c = slot.Constraints;
        TypeSpec type = slot.Type;
        string value = type.IsNullableValueType ? slot.Local + ".Value" : slot.Local;
        string at = $"ref errors, {path}, {slot.Member}, -1";
        var checks = new List<string>();
        bool isNumber = type.Shape is >= TypeShape.SByte and <= TypeShape.Decimal;
        bool isCollection = type.Shape is TypeShape.Array or TypeShape.List or TypeShape.Set;
        if (isNumber && (c.Minimum is not null || c.Maximum is not null))
            checks.Add($"{Constraints}.Range({at}, (double){value}, {Bound(c.Minimum, "double.NegativeInfinity")}, {Bound(c.Maximum, "double.PositiveInfinity")});");
        if (c.MinLength >= 0 || c.MaxLength >= 0)
        {
            string bounds = $"{c.MinLength.ToString(CultureInfo.InvariantCulture)}, {c.MaxLength.ToString(CultureInfo.InvariantCulture)}";
            if (type.Shape == TypeShape.String) checks.Add($"{Constraints}.Length({at}, {value}, {bounds});");
            else if (isCollection) checks.Add($"{Constraints}.Count({at}, global::System.Linq.Enumerable.Count({value}), {bounds});");
        }
        if (type.Shape == TypeShape.String)
        {
            if (c.ReaderPattern is not null) checks.Add($"{Constraints}.Pattern({at}, {value}, {helpers.Regex(c.ReaderPattern, c.ReaderPatternIsEcma)}, {CSharpLiteral.String(c.Pattern!)});");
            if (c.Format == "email") checks.Add($"{Constraints}.Email({at}, {value});");
            if (c.Format == "uri") checks.Add($"{Constraints}.Url({at}, {value});");
        }
        return checks;
    }

    private static string Bound(string? value, string absent) => value is null ? absent : value + "D";

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
    private static void EmitMatch(SourceWriter w, List<Slot> slots, string name)
    {
        if (slots.Count == 0) return;
        w.Line();
        w.Line($"private static readonly string[] s_names{name} = new string[] {{ {string.Join(", ", slots.Select(static s => CSharpLiteral.String(s.JsonName)))} }};");
        w.Line();
        w.Open($"private static int {name}(ref {Names.Utf8JsonReader} reader)");
        foreach (Slot slot in slots)
            w.Line($"if (reader.ValueTextEquals({CSharpLiteral.Utf8(slot.JsonName)})) return {slot.Index.ToString(CultureInfo.InvariantCulture)};");
        w.Line($"return {Names.Reader}.MatchIgnoreCase(ref reader, s_names{name});");
        w.Close();
    }

    /// <summary>Emits the reader helper <paramref name="name"/> for a nullable, enum, collection or object type.</summary>
    public static void EmitReader(SourceWriter w, HelperRegistry helpers, TypeSpec type, string name)
    {
        string signature = $"private static bool {name}({Names.ReadParameters}, out {type.TypeName} value)";
        if (type.IsNullable)
        {
            TypeSpec inner = type.WithoutNullability();
            w.Open(signature);
            w.Open($"if (reader.TokenType == {Names.JsonTokenType}.Null)");
            w.Line("value = null;");
            w.Line("return true;");
            w.Close();
            w.Line($"bool ok = {helpers.Reader(inner)}(ref reader, ref errors, path, member, index, out {inner.TypeName} item);");
            w.Line("value = item;");
            w.Line("return ok;");
            w.Close();
            return;
        }

        switch (type.Shape)
        {
            case TypeShape.Enum:
                EmitEnumReader(w, type, name, signature);
                break;
            case TypeShape.Array:
            case TypeShape.List:
            case TypeShape.Set:
                EmitCollectionReader(w, helpers, type, signature);
                break;
            case TypeShape.Dictionary:
                EmitDictionaryReader(w, helpers, type, signature);
                break;
            case TypeShape.Object:
                EmitObjectReader(w, helpers, helpers.Objects[type], name, signature);
                break;
        }
    }

    private static void EmitEnumReader(SourceWriter w, TypeSpec type, string name, string signature)
    {
        IEnumerable<string> jsonNames = type.EnumMembers.Select(static m => m.JsonName);
        w.Line($"private static readonly byte[][] s_utf8{name} = new byte[][] {{ {string.Join(", ", jsonNames.Select(n => CSharpLiteral.Utf8(n) + ".ToArray()"))} }};");
        w.Line($"private static readonly string[] s_names{name} = new string[] {{ {string.Join(", ", jsonNames.Select(CSharpLiteral.String))} }};");
        w.Line();
        w.Open(signature);
        w.Open($"switch ({Names.Reader}.MatchName(ref reader, s_utf8{name}, s_names{name}))");
        for (int i = 0; i < type.EnumMembers.Count; i++)
            w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}: value = {type.TypeName}.{CSharpLiteral.Identifier(type.EnumMembers[i].Name)}; return true;");
        w.Close();
        w.Line($"{Names.Reader}.NotOneOf(ref reader, ref errors, path, member, index, {CSharpLiteral.String(EnumList(type))});");
        w.Line("value = default;");
        w.Line("return false;");
        w.Close();
    }

    private static void EmitCollectionReader(SourceWriter w, HelperRegistry helpers, TypeSpec type, string signature)
    {
        TypeSpec element = type.Element!;
        string collection = type.Shape == TypeShape.Set ? "global::System.Collections.Generic.HashSet" : Names.List;
        string complete = type.Shape == TypeShape.Array ? "items.ToArray()" : "items";
        w.Open(signature);
        w.Line($"var items = new {collection}<{element.TypeName}>();");
        w.Open($"if (!{Names.Reader}.BeginArray(ref reader, ref errors, path, member, index, {CSharpLiteral.String(Expected(type))}))");
        w.Line($"value = {complete};");
        w.Line("return false;");
        w.Close();
        w.Line($"string at = {Names.JsonPath}.Format(path, member, index);");
        w.Line("bool ok = true;");
        w.Line("int i = 0;");
        w.Open($"while ({Names.Reader}.NextItem(ref reader))");
        w.Line($"if ({helpers.Reader(element)}(ref reader, ref errors, at, \"\", i, out {element.TypeName} item)) items.Add(item);");
        w.Line("else ok = false;");
        w.Line("i++;");
        w.Close();
        w.Line($"value = {complete};");
        w.Line("return ok;");
        w.Close();
    }

    private static void EmitDictionaryReader(SourceWriter w, HelperRegistry helpers, TypeSpec type, string signature)
    {
        TypeSpec element = type.Element!;
        w.Open(signature);
        w.Line($"var items = new global::System.Collections.Generic.Dictionary<string, {element.TypeName}>(global::System.StringComparer.Ordinal);");
        w.Line("value = items;");
        w.Line($"if (!{Names.Reader}.BeginObject(ref reader, ref errors, path, member, index, \"an object\")) return false;");
        w.Line($"string at = {Names.JsonPath}.Format(path, member, index);");
        w.Line("bool ok = true;");
        w.Open($"while ({Names.Reader}.NextProperty(ref reader))");
        w.Line($"string key = {Names.Reader}.PropertyName(ref reader);");
        w.Line($"string keyMember = {Names.JsonPath}.Member(key);");
        w.Line("bool seen = items.ContainsKey(key);");
        w.Line($"if (!{Names.Reader}.BeginValue(ref reader, ref errors, at, keyMember, ref seen)) ok = false;");
        w.Line($"else if ({helpers.Reader(element)}(ref reader, ref errors, at, keyMember, -1, out {element.TypeName} item)) items.Add(key, item);");
        w.Line("else ok = false;");
        w.Close();
        w.Line("return ok;");
        w.Close();
    }

    private static void EmitObjectReader(SourceWriter w, HelperRegistry helpers, ObjectSpec spec, string name, string signature)
    {
        List<(Slot Slot, MemberSpec Member)> members = spec.Members
            .Where(static m => m.IsReadable)
            .Select(static (m, i) => (new Slot(i, m.JsonName, m.Type, m.Constraints, m.IsRequired, m.DefaultExpression,
                AssignedAfterConstruction: m.Binding is MemberBinding.Setter or MemberBinding.Init && !m.IsCSharpRequired), m))
            .ToList();
        List<Slot> slots = members.Select(static m => m.Slot).ToList();

        w.Open(signature);
        w.Line("value = default!;");
        w.Line($"if (!{Names.Reader}.BeginObject(ref reader, ref errors, path, member, index, \"an object\")) return false;");
        w.Line($"string at = {Names.JsonPath}.Format(path, member, index);");
        w.Line("int problems = errors.Count;");
        EmitLocals(w, slots, trackNulls: true);
        EmitPropertyLoop(w, helpers, slots, "Match" + name, "at", trackNulls: true);
        EmitMissingChecks(w, slots, "at");
        w.Line("if (errors.Count != problems) return false;");

        string[] arguments = spec.ConstructorArguments.ToArray();
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

        EmitMatch(w, slots, "Match" + name);
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
