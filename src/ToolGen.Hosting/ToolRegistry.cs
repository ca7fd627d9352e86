using System;
using System.Collections.Generic;

namespace ToolGen.Hosting;

/// <summary>
/// The tools registered on one service collection, combined as they are added: a name registered twice fails at the
/// registration, naming both; the same type or set registered again is ignored.
/// </summary>
internal sealed class ToolRegistry
{
    private readonly object _gate = new();
    private readonly HashSet<object> _registered = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, (string Registration, ToolDescriptor Tool)> _byName = new(StringComparer.Ordinal);

    public ToolSet Tools { get; private set; } = ToolSet.Empty;

    /// <summary>Adds <paramref name="tools"/>, registered by <paramref name="registration"/> (for messages); <paramref name="key"/> identifies a repeat.</summary>
    public void Add(object key, string registration, ToolSet tools)
    {
        lock (_gate)
        {
            if (_registered.Contains(key)) return;
            foreach (ToolDescriptor tool in tools)
            {
                if (_byName.TryGetValue(tool.Name, out var first))
                {
                    throw new InvalidOperationException(
                        $"The tool name \"{tool.Name}\" is registered twice: by {first.Registration} ({Origin(first.Tool)}) and by {registration} ({Origin(tool)}). " +
                        "Tool names must be unique among the tools given to AddToolGen(): rename one with [Tool(Name = \"...\")] or register only one of them.");
                }
            }
            foreach (ToolDescriptor tool in tools) _byName.Add(tool.Name, (registration, tool));
            _registered.Add(key);
            Tools += tools;
        }
    }

    private static string Origin(ToolDescriptor tool) => tool.MethodName ?? "a hand-made descriptor";
}
