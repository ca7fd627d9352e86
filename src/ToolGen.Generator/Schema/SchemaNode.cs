using System.Collections.Generic;
using System.Text;
using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Schema;

/// <summary>
/// A JSON object under construction, keeping its keys in insertion order. Values are raw JSON text (<see cref="Raw"/>),
/// strings, nested nodes or lists of those. The schema builder works on nodes so that a dialect can wrap a schema
/// (<c>anyOf</c> with null) or move a keyword into the description without re-parsing text.
/// </summary>
internal sealed class SchemaNode
{
    private readonly List<KeyValuePair<string, object>> _members = new();

    /// <summary>A JSON value written as it is (a number, <c>true</c>, <c>null</c>, or a complete JSON text).</summary>
    public sealed class Raw
    {
        public Raw(string json) => Json = json;

        public string Json { get; }

        public static readonly Raw Null = new("null");
        public static readonly Raw True = new("true");
        public static readonly Raw False = new("false");
    }

    public SchemaNode Set(string key, object value)
    {
        for (int i = 0; i < _members.Count; i++)
        {
            if (_members[i].Key != key) continue;
            _members[i] = new KeyValuePair<string, object>(key, value);
            return this;
        }
        _members.Add(new KeyValuePair<string, object>(key, value));
        return this;
    }

    /// <summary>Sets <paramref name="key"/> as the first member (descriptions lead, as a person would write them).</summary>
    public SchemaNode SetFirst(string key, object value)
    {
        Remove(key);
        _members.Insert(0, new KeyValuePair<string, object>(key, value));
        return this;
    }

    public object? Get(string key)
    {
        foreach (KeyValuePair<string, object> member in _members)
        {
            if (member.Key == key) return member.Value;
        }
        return null;
    }

    public bool Remove(string key)
    {
        for (int i = 0; i < _members.Count; i++)
        {
            if (_members[i].Key != key) continue;
            _members.RemoveAt(i);
            return true;
        }
        return false;
    }

    public override string ToString()
    {
        var text = new StringBuilder(256);
        Write(text, this);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object value)
    {
        switch (value)
        {
            case Raw raw:
                text.Append(raw.Json);
                break;
            case string s:
                text.AppendString(s);
                break;
            case SchemaNode node:
                text.Append('{');
                for (int i = 0; i < node._members.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    text.AppendString(node._members[i].Key).Append(':');
                    Write(text, node._members[i].Value);
                }
                text.Append('}');
                break;
            case IEnumerable<object> items:
                text.Append('[');
                bool first = true;
                foreach (object item in items)
                {
                    if (!first) text.Append(',');
                    first = false;
                    Write(text, item);
                }
                text.Append(']');
                break;
        }
    }
}
