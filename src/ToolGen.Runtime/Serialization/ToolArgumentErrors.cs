using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace ToolGen.Serialization;

/// <summary>
/// Collects the problems found in a tool call's arguments, each with its JSON path, and turns them into one
/// <see cref="ToolResultKind.InvalidArguments"/> result. Used by generated code; allocation-free while there is no error.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ToolArgumentErrors
{
    /// <summary>The most problems listed in one message; the rest are counted.</summary>
    public const int MaxListed = 10;

    private List<string>? _problems;
    private int _count;
    // How to build ToolJsonPath.Deferred, the path of the object or array a ToolArguments reader is in: only when a
    // problem there is recorded.
    private string? _deferredPath;
    private string? _deferredMember;
    private int _deferredIndex;

    /// <summary>Whether any problem was recorded.</summary>
    public readonly bool HasErrors => _count > 0;

    /// <summary>The number of problems recorded.</summary>
    public readonly int Count => _count;

    /// <summary>Records a problem at the location <see cref="ToolJsonPath.Format"/> describes.</summary>
    public void Add(string path, string member, int index, string problem)
    {
        _count++;
        if (_count > MaxListed) return;
        path = Resolve(path);
        (_problems ??= new List<string>(4)).Add(ToolJsonPath.Format(path, member, index) + ": " + problem);
    }

    /// <summary>Remembers that <see cref="ToolJsonPath.Deferred"/> stands for <paramref name="path"/> + <paramref name="member"/> + [<paramref name="index"/>].</summary>
    internal void Defer(string path, string member, int index)
    {
        _deferredPath = path;
        _deferredMember = member;
        _deferredIndex = index;
    }

    /// <summary><paramref name="path"/>, or what <see cref="ToolJsonPath.Deferred"/> stands for.</summary>
    internal readonly string Resolve(string path) =>
        ReferenceEquals(path, ToolJsonPath.Deferred) ? ToolJsonPath.Format(_deferredPath!, _deferredMember!, _deferredIndex) : path;

    /// <summary>Records a required property that is missing.</summary>
    public void AddMissing(string path, string member, string expected) => Add(path, member, -1, "missing; this required property must be " + expected);

    /// <summary>The problems recorded so far, each with its path.</summary>
    public readonly IReadOnlyList<string> Problems => _problems ?? (IReadOnlyList<string>)[];

    /// <summary>The <see cref="ToolResultKind.InvalidArguments"/> result describing every recorded problem.</summary>
    public readonly ToolResult ToResult(string toolName)
    {
        var text = new StringBuilder("Invalid arguments for ").Append(toolName).Append(": ");
        if (_problems is not null)
            text.AppendJoin("; ", _problems);
        if (_count > MaxListed)
            text.Append("; and ").Append((_count - MaxListed).ToString(CultureInfo.InvariantCulture)).Append(" more problems");
        text.Append(". Fix the arguments and call again.");
        return ToolResult.Error(ToolResultKind.InvalidArguments, text.ToString());
    }
}
