using System;
using System.Collections;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ToolGen;

/// <summary>
/// An immutable set of tools with unique names, looked up by name. Combine sets with <c>+</c>; a name defined twice is an error.
/// </summary>
public sealed class ToolSet : IReadOnlyList<ToolDescriptor>
{
    private readonly ToolDescriptor[] _tools;
    private readonly FrozenDictionary<string, ToolDescriptor> _byName;
    private string? _namesText;

    private ToolSet(ToolDescriptor[] tools)
    {
        var byName = new Dictionary<string, ToolDescriptor>(tools.Length, StringComparer.Ordinal);
        foreach (ToolDescriptor tool in tools)
        {
            ArgumentNullException.ThrowIfNull(tool, nameof(tools));
            if (!byName.TryAdd(tool.Name, tool))
            {
                ToolDescriptor first = byName[tool.Name];
                throw new ArgumentException(
                    $"The tool name \"{tool.Name}\" is used twice ({Origin(first)} and {Origin(tool)}). Give one of them another name with [Tool(Name = \"...\")].",
                    nameof(tools));
            }
        }
        _tools = tools;
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A set with no tools.</summary>
    public static ToolSet Empty { get; } = new([]);

    /// <summary>Creates a set from descriptors, in the given order.</summary>
    /// <exception cref="ArgumentException">Two descriptors have the same name.</exception>
    public static ToolSet Create(params ToolDescriptor[] tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        return tools.Length == 0 ? Empty : new ToolSet((ToolDescriptor[])tools.Clone());
    }

    /// <summary>Creates a set from descriptors, in the given order.</summary>
    /// <exception cref="ArgumentException">Two descriptors have the same name.</exception>
    public static ToolSet Create(IEnumerable<ToolDescriptor> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ToolDescriptor[] array = [.. tools];
        return array.Length == 0 ? Empty : new ToolSet(array);
    }

    /// <summary>The tools of a non-static type whose tools are all static.</summary>
    public static ToolSet From<T>() where T : IStaticToolProvider => T.Tools;

    /// <summary>The tools of an instance of a type with instance tools.</summary>
    public static ToolSet From(IToolProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.Tools;
    }

    /// <summary>A set holding the tools of <paramref name="left"/>, then those of <paramref name="right"/>.</summary>
    /// <exception cref="ArgumentException">A name is in both sets.</exception>
    public static ToolSet operator +(ToolSet left, ToolSet right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (right.Count == 0) return left;
        if (left.Count == 0) return right;
        return new ToolSet([.. left._tools, .. right._tools]);
    }

    /// <summary>A set holding the tools of this set and then those of <paramref name="other"/>.</summary>
    public ToolSet Add(ToolSet other) => this + other;

    /// <summary>The number of tools.</summary>
    public int Count => _tools.Length;

    /// <summary>The tool at <paramref name="index"/>, in declaration order.</summary>
    public ToolDescriptor this[int index] => _tools[index];

    /// <summary>The tool named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such tool.</exception>
    public ToolDescriptor this[string name] =>
        _byName.TryGetValue(name, out ToolDescriptor? tool) ? tool : throw new KeyNotFoundException($"There is no tool named \"{name}\". Available tools: {NamesText}.");

    /// <summary>Whether a tool named <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Finds a tool by name (ordinal, case-sensitive).</summary>
    public bool TryGetTool(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ToolDescriptor? tool) => _byName.TryGetValue(name, out tool);

    /// <summary>
    /// Runs the tool named <paramref name="name"/>. An unknown name returns an <see cref="ToolResultKind.UnknownTool"/>
    /// result listing the available tools; see <see cref="ToolDescriptor.InvokeAsync(ReadOnlyMemory{byte}, ToolContext?, CancellationToken)"/> for the rest.
    /// </summary>
    public ValueTask<ToolResult> InvokeAsync(string name, ReadOnlyMemory<byte> arguments, ToolContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out ToolDescriptor? tool))
            return tool.InvokeAsync(arguments, context, cancellationToken);
        return new ValueTask<ToolResult>(UnknownTool(name));
    }

    /// <summary>Runs the tool named <paramref name="name"/> with JSON text arguments.</summary>
    public ValueTask<ToolResult> InvokeAsync(string name, string arguments, ToolContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        return TryGetTool(name, out ToolDescriptor? tool)
            ? tool.InvokeAsync(arguments, context, cancellationToken)
            : new ValueTask<ToolResult>(UnknownTool(name));
    }

    /// <summary>The result returned when the model calls a tool that is not in this set.</summary>
    public ToolResult UnknownTool(string name) =>
        ToolResult.Error(ToolResultKind.UnknownTool, Count == 0
            ? $"There is no tool named \"{name}\"; no tools are available."
            : $"There is no tool named \"{name}\". Available tools: {NamesText}. Call one of these by its exact name.");

    /// <inheritdoc/>
    public IEnumerator<ToolDescriptor> GetEnumerator() => ((IEnumerable<ToolDescriptor>)_tools).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => $"ToolSet({Count}: {NamesText})";

    private string NamesText => _namesText ??= string.Join(", ", Array.ConvertAll(_tools, static t => t.Name));

    private static string Origin(ToolDescriptor tool) => tool.MethodName ?? "a hand-made descriptor";
}
