using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace ToolGen.Serialization;

/// <summary>
/// What a generated argument reader works with: the <see cref="Utf8JsonReader"/> over the arguments, the problems found
/// so far, and where the reader is (the object or array being read, and the property or item within it), so that each
/// problem is reported with its JSON path, e.g. <c>$.order.lines[2].quantity</c>.
/// </summary>
/// <remarks>
/// <para>
/// A generated reader walks an object like this: <see cref="NextProperty"/> moves to each property name,
/// <see cref="NameIs"/> tests it against each accepted name (then <see cref="MatchIgnoringCase"/>), <see cref="BeginProperty"/> moves to its value (and
/// refuses a property given twice), then a <c>Read…</c> method reads the value: <c>args.ReadString(out city)</c>. Each
/// <c>Read…</c> method either produces the value and returns <see langword="true"/>, or records the problem at the current
/// location, skips the value and returns <see langword="false"/>.
/// </para>
/// <para>
/// <see cref="BeginObject"/> and <see cref="BeginArray"/> enter a nested value and return the location to go back to
/// with <see cref="End"/>. Malformed JSON surfaces as an exception that <see cref="IsMalformed"/> recognizes.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct ToolArguments
{
    private Utf8JsonReader _reader;
    private ToolArgumentErrors _errors;
    // The object or array being read ("$", "$.order", "$.order.lines"), or ToolJsonPath.Deferred until it is needed:
    // _errors then knows how to build it. A path is built only for a problem or to enter a value nested deeper, so
    // reading a list of objects builds the list's path once and the objects' paths never.
    private string _path;
    private string _member;   // The property being read in it (".city", "['odd name']"), or "" for an array item.
    private int _index;       // The array item being read, or -1.

    /// <summary>Starts reading <paramref name="json"/>; empty or blank text reads as <c>{}</c>.</summary>
    public ToolArguments(ReadOnlySpan<byte> json)
    {
        _reader = ToolArgumentReader.Create(json);
        _errors = default;
        _path = ToolJsonPath.Root;
        _member = "";
        _index = -1;
    }

    // The path of the object or array being read, built now if it was deferred.
    private string Path => ReferenceEquals(_path, ToolJsonPath.Deferred) ? _path = _errors.Resolve(_path) : _path;

    /// <summary>Whether any problem was recorded.</summary>
    public readonly bool HasErrors => _errors.HasErrors;

    /// <summary>The number of problems recorded; an object reader compares it before and after reading its properties.</summary>
    public readonly int ErrorCount => _errors.Count;

    /// <summary>Whether the current value is JSON <c>null</c>.</summary>
    public readonly bool IsNull => _reader.TokenType == JsonTokenType.Null;

    /// <summary>The underlying reader, for hand-written readers.</summary>
    [UnscopedRef]
    public ref Utf8JsonReader Reader => ref _reader;

    /// <summary>
    /// Reads the first token of a tool's arguments. Returns <see langword="true"/> on <c>{</c>; on <c>null</c> returns
    /// <see langword="false"/> (no arguments); on anything else records a problem and returns <see langword="false"/>.
    /// </summary>
    public bool BeginArguments() => ToolArgumentReader.BeginArguments(ref _reader, ref _errors);

    /// <summary>Reads the first token of a JSON document whose root value a generated reader then reads.</summary>
    public void BeginDocument() => _reader.Read();

    /// <summary>Checks that nothing but white space follows the arguments (or document).</summary>
    public void EndArguments() => _reader.Read();

    /// <summary>Moves to the next property name of the current object; <see langword="false"/> at its end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextProperty() => ToolArgumentReader.NextProperty(ref _reader);

    /// <summary>Whether the current property name is exactly <paramref name="utf8Name"/> (generated code tests each name inline, then falls back to <see cref="MatchIgnoringCase"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NameIs(ReadOnlySpan<byte> utf8Name) => _reader.ValueTextEquals(utf8Name);

    /// <summary>Whether the current value is the string <paramref name="utf8Value"/>, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool ValueIs(ReadOnlySpan<byte> utf8Value) => _reader.TokenType == JsonTokenType.String && _reader.ValueTextEquals(utf8Value);

    /// <summary>
    /// The index of the current property name, or string value, in <paramref name="names"/> ignoring case (after the
    /// generated exact tests failed), or -1 when it is none of them or, for a value, not a string.
    /// </summary>
    public int MatchIgnoringCase(ToolJsonNames names) =>
        _reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? ToolArgumentReader.MatchIgnoreCase(ref _reader, names.Names) : -1;

    /// <summary>
    /// Moves from the property name to the value of property <paramref name="member"/> (<c>.city</c>), which later
    /// problems are reported at. Returns <see langword="false"/>, after recording a problem and skipping the value, when
    /// <paramref name="seen"/> says it was already given; otherwise sets <paramref name="seen"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool BeginProperty(string member, ref bool seen)
    {
        _member = member;
        _index = -1;
        return ToolArgumentReader.BeginValue(ref _reader, ref _errors, _path, member, ref seen);
    }

    /// <summary>The current property name, as a dictionary key; <c>?</c> when it is not valid UTF-8.</summary>
    public string PropertyName() => ToolArgumentReader.PropertyName(ref _reader);

    /// <summary>
    /// Moves from the property name to the value of dictionary entry <paramref name="key"/>. Returns
    /// <see langword="false"/>, after recording a problem and skipping the value, when the key was already given.
    /// </summary>
    public bool BeginEntry(string key, bool seen)
    {
        _member = ToolJsonPath.Member(key);
        _index = -1;
        return ToolArgumentReader.BeginValue(ref _reader, ref _errors, _path, _member, ref seen);
    }

    /// <summary>Records an unknown property (the reader is on its name), naming the accepted ones, and skips its value.</summary>
    public void UnknownProperty(ToolJsonNames accepted) => ToolArgumentReader.UnknownProperty(ref _reader, ref _errors, _path, accepted.List);

    /// <summary>Records that the required property <paramref name="member"/> of the current object is missing.</summary>
    public void AddMissing(string member, string expected) => _errors.AddMissing(_path, member, expected);

    /// <summary>
    /// Enters the object the reader is on. Returns <see langword="false"/>, after recording a problem and skipping the
    /// value, when it is not an object. <paramref name="parent"/> is where to go back to with <see cref="End"/>.
    /// </summary>
    public bool BeginObject(out ToolArgumentLocation parent)
    {
        string path = Path;
        parent = new ToolArgumentLocation(path, _member, _index);
        if (!ToolArgumentReader.BeginObject(ref _reader, ref _errors, path, _member, _index, "an object")) return false;
        Enter(path);
        return true;
    }

    /// <summary>
    /// Enters the array the reader is on. Returns <see langword="false"/>, after recording a problem and skipping the
    /// value, when it is not an array. <paramref name="parent"/> is where to go back to with <see cref="End"/>.
    /// </summary>
    public bool BeginArray(out ToolArgumentLocation parent)
    {
        string path = Path;
        parent = new ToolArgumentLocation(path, _member, _index);
        if (!ToolArgumentReader.BeginArray(ref _reader, ref _errors, path, _member, _index, "an array")) return false;
        Enter(path);
        return true;
    }

    /// <summary>Moves to the next item of the current array; <see langword="false"/> at its end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextItem()
    {
        _index++;
        return ToolArgumentReader.NextItem(ref _reader);
    }

    /// <summary>Leaves the object or array entered with <see cref="BeginObject"/> or <see cref="BeginArray"/>.</summary>
    public void End(in ToolArgumentLocation parent)
    {
        _path = parent.Path;
        _member = parent.Member;
        _index = parent.Index;
    }

    private void Enter(string outerPath)
    {
        _errors.Defer(outerPath, _member, _index);
        _path = ToolJsonPath.Deferred;
        _member = "";
        _index = -1;
    }

    /// <summary>Reads a JSON string (see <see cref="ToolArgumentReader.ReadString"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadString(out string value) => ToolArgumentReader.ReadString(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads <c>true</c> or <c>false</c> (see <see cref="ToolArgumentReader.ReadBoolean"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBoolean(out bool value) => ToolArgumentReader.ReadBoolean(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads an integer from -128 to 127 (see <see cref="ToolArgumentReader.ReadSByte"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadSByte(out sbyte value) => ToolArgumentReader.ReadSByte(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads an integer from 0 to 255 (see <see cref="ToolArgumentReader.ReadByte"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadByte(out byte value) => ToolArgumentReader.ReadByte(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a 16-bit signed integer (see <see cref="ToolArgumentReader.ReadInt16"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadInt16(out short value) => ToolArgumentReader.ReadInt16(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a 16-bit unsigned integer (see <see cref="ToolArgumentReader.ReadUInt16"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadUInt16(out ushort value) => ToolArgumentReader.ReadUInt16(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a 32-bit signed integer (see <see cref="ToolArgumentReader.ReadInt32"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadInt32(out int value) => ToolArgumentReader.ReadInt32(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a 32-bit unsigned integer (see <see cref="ToolArgumentReader.ReadUInt32"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadUInt32(out uint value) => ToolArgumentReader.ReadUInt32(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a 64-bit signed integer (see <see cref="ToolArgumentReader.ReadInt64"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadInt64(out long value) => ToolArgumentReader.ReadInt64(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a 64-bit unsigned integer (see <see cref="ToolArgumentReader.ReadUInt64"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadUInt64(out ulong value) => ToolArgumentReader.ReadUInt64(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a number in the range of a <see cref="float"/> (see <see cref="ToolArgumentReader.ReadSingle"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadSingle(out float value) => ToolArgumentReader.ReadSingle(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a finite number (see <see cref="ToolArgumentReader.ReadDouble"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadDouble(out double value) => ToolArgumentReader.ReadDouble(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a number in the range of a <see cref="decimal"/> (see <see cref="ToolArgumentReader.ReadDecimal"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadDecimal(out decimal value) => ToolArgumentReader.ReadDecimal(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a string of exactly one character (see <see cref="ToolArgumentReader.ReadChar"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadChar(out char value) => ToolArgumentReader.ReadChar(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads an RFC 3339 date and time (see <see cref="ToolArgumentReader.ReadDateTime"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadDateTime(out DateTime value) => ToolArgumentReader.ReadDateTime(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads an RFC 3339 date and time with its offset (see <see cref="ToolArgumentReader.ReadDateTimeOffset"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadDateTimeOffset(out DateTimeOffset value) => ToolArgumentReader.ReadDateTimeOffset(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a date written <c>yyyy-MM-dd</c> (see <see cref="ToolArgumentReader.ReadDateOnly"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadDateOnly(out DateOnly value) => ToolArgumentReader.ReadDateOnly(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a time of day (see <see cref="ToolArgumentReader.ReadTimeOnly"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadTimeOnly(out TimeOnly value) => ToolArgumentReader.ReadTimeOnly(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a duration (ISO 8601 or .NET's constant format) (see <see cref="ToolArgumentReader.ReadTimeSpan"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadTimeSpan(out TimeSpan value) => ToolArgumentReader.ReadTimeSpan(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a UUID (see <see cref="ToolArgumentReader.ReadGuid"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadGuid(out Guid value) => ToolArgumentReader.ReadGuid(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a URI (see <see cref="ToolArgumentReader.ReadUri"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadUri(out Uri value) => ToolArgumentReader.ReadUri(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads any JSON value (see <see cref="ToolArgumentReader.ReadJsonElement"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadJsonElement(out JsonElement value) => ToolArgumentReader.ReadJsonElement(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads any JSON value but null (see <see cref="ToolArgumentReader.ReadJsonNode"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadJsonNode(out JsonNode value) => ToolArgumentReader.ReadJsonNode(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a JSON object (see <see cref="ToolArgumentReader.ReadJsonObject"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadJsonObject(out JsonObject value) => ToolArgumentReader.ReadJsonObject(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Reads a JSON array (see <see cref="ToolArgumentReader.ReadJsonArray"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadJsonArray(out JsonArray value) => ToolArgumentReader.ReadJsonArray(ref _reader, ref _errors, _path, _member, _index, out value);

    /// <summary>Records that the current value is not one of <paramref name="names"/>, skips it and returns <see langword="false"/>.</summary>
    public bool NotOneOf(ToolJsonNames names)
    {
        ToolArgumentReader.NotOneOf(ref _reader, ref _errors, _path, _member, _index, names.QuotedList);
        return false;
    }

    /// <summary>Checks <c>[Range]</c>: <paramref name="minimum"/> ≤ <paramref name="value"/> ≤ <paramref name="maximum"/>.</summary>
    public bool CheckRange(double value, double minimum, double maximum) =>
        ToolArgumentConstraints.Range(ref _errors, _path, _member, _index, value, minimum, maximum);

    /// <summary>Checks a string's length (<c>[StringLength]</c>, <c>[MinLength]</c>, <c>[MaxLength]</c>); a negative bound is absent.</summary>
    public bool CheckLength(string value, int minimum, int maximum) =>
        ToolArgumentConstraints.Length(ref _errors, _path, _member, _index, value, minimum, maximum);

    /// <summary>Checks a collection's item count; a negative bound is absent.</summary>
    public bool CheckCount(int count, int minimum, int maximum) =>
        ToolArgumentConstraints.Count(ref _errors, _path, _member, _index, count, minimum, maximum);

    /// <summary>Checks <c>[RegularExpression]</c> (see <see cref="ToolArgumentConstraints.Pattern"/>).</summary>
    public bool CheckPattern(string value, Regex pattern, string schemaPattern) =>
        ToolArgumentConstraints.Pattern(ref _errors, _path, _member, _index, value, pattern, schemaPattern);

    /// <summary>Checks <c>[EmailAddress]</c> (see <see cref="ToolArgumentConstraints.Email"/>).</summary>
    public bool CheckEmail(string value) => ToolArgumentConstraints.Email(ref _errors, _path, _member, _index, value);

    /// <summary>Checks <c>[Url]</c> (see <see cref="ToolArgumentConstraints.Url"/>).</summary>
    public bool CheckUrl(string value) => ToolArgumentConstraints.Url(ref _errors, _path, _member, _index, value);

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown while reading, means the JSON is malformed (see
    /// <see cref="ToolArgumentReader.IsMalformed"/>).
    /// </summary>
    public static bool IsMalformed(Exception exception) => ToolArgumentReader.IsMalformed(exception);

    /// <summary>Records that the JSON is malformed, as <paramref name="exception"/> says.</summary>
    public void AddMalformed(Exception exception) => _errors.Add(ToolJsonPath.Root, "", -1, ToolArgumentReader.DescribeMalformed(exception));

    /// <summary>The <see cref="ToolResultKind.InvalidArguments"/> result listing every problem, for the tool or schema <paramref name="name"/>.</summary>
    public readonly ToolResult ToResult(string name) => _errors.ToResult(name);

    /// <summary>The completed call of tool <paramref name="toolName"/>: its <see cref="ToolResultKind.InvalidArguments"/> result.</summary>
    public readonly ValueTask<ToolResult> Invalid(string toolName) => new(_errors.ToResult(toolName));
}

/// <summary>Where a <see cref="ToolArguments"/> reader was before it entered an object or array.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ToolArgumentLocation
{
    internal ToolArgumentLocation(string path, string member, int index)
    {
        Path = path;
        Member = member;
        Index = index;
    }

    /// <summary>The enclosing object or array.</summary>
    public string Path { get; }

    /// <summary>The property within it, or empty.</summary>
    public string Member { get; }

    /// <summary>The item within it, or -1.</summary>
    public int Index { get; }
}
