using System;
using System.Collections.Generic;


namespace ToolGen.Generator.Model;

/// <summary>The object types of one container, by type name, and which of them are recursive (reach themselves).</summary>
internal sealed class ObjectGraph
{
    private readonly Dictionary<string, ObjectSpec> _objects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _recursive = new(StringComparer.Ordinal);

    public ObjectGraph(IEnumerable<ObjectSpec> objects)
    {
        foreach (ObjectSpec spec in objects) _objects[spec.TypeName] = spec;
        foreach (ObjectSpec spec in _objects.Values)
        {
            if (Reaches(spec.TypeName, spec, new HashSet<string>(StringComparer.Ordinal))) _recursive.Add(spec.TypeName);
        }
    }

    public ObjectSpec this[TypeSpec type] => _objects[type.NonNullableTypeName];

    /// <summary>The object type named <paramref name="typeName"/> (fully qualified, non-nullable).</summary>
    public ObjectSpec this[string typeName] => _objects[typeName];

    /// <summary>Whether the object type can contain itself; its schema then lives in <c>$defs</c>.</summary>
    public bool IsRecursive(TypeSpec type) => _recursive.Contains(type.NonNullableTypeName);

    private bool Reaches(string target, ObjectSpec from, HashSet<string> visited)
    {
        foreach (MemberSpec member in from.Members)
        {
            for (TypeSpec? type = member.Type; type is not null; type = type.Element)
            {
                if (type.Shape != TypeShape.Object) continue;
                if (type.NonNullableTypeName == target) return true;
                if (visited.Add(type.NonNullableTypeName) && _objects.TryGetValue(type.NonNullableTypeName, out ObjectSpec? next) && Reaches(target, next, visited))
                    return true;
            }
        }
        return false;
    }
}
