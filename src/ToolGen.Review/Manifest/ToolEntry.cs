using System.Collections.Generic;
using System.Globalization;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;
using ToolGen.Shared;

namespace ToolGen.Review.Manifest;

/// <summary>A tool's manifest entry, from the spec and schemas the generator emits for it.</summary>
internal static class ToolEntry
{
    public static ManifestEntry For(ToolSpec tool, string standardSchema, string? outputSchema, string fingerprint, int tokens)
    {
        var fields = new List<KeyValuePair<string, string>>();
        void Add(string key, string value) => fields.Add(new KeyValuePair<string, string>(key, value));

        Add("description", JsonText.Quote(tool.Description));
        if (tool.Title is { } title) Add("title", JsonText.Quote(title));
        if (tool.Hints != 0) Add("hints", Hints(tool.Hints));
        if (tool.Strict) Add("strict", "true");

        // The parameters schema (standard dialect) split at its top level: the object's own keywords on one line,
        // then a line per property and per shared definition, in the schema's order.
        List<KeyValuePair<string, string>> schema = JsonMembers.Of(standardSchema);
        string? properties = JsonMembers.Get(schema, "properties");
        string? definitions = JsonMembers.Get(schema, "$defs");
        if (schema.Count == 0 || properties is null)
        {
            Add("parameters", standardSchema);
        }
        else
        {
            Add("parameters", JsonMembers.Without(schema, "properties", "$defs"));
            foreach (KeyValuePair<string, string> property in JsonMembers.Of(properties)) Add("parameter " + property.Key, property.Value);
        }
        if (definitions is not null)
        {
            foreach (KeyValuePair<string, string> definition in JsonMembers.Of(definitions)) Add("definition " + definition.Key, definition.Value);
        }
        if (outputSchema is not null) Add("output", outputSchema);
        Add("fingerprint", fingerprint);
        Add("tokens", tokens.ToString(CultureInfo.InvariantCulture));
        return new ManifestEntry(tool.ToolName, fields);
    }

    private static string Hints(int hints)
    {
        var names = new List<string>();
        for (int bit = 0; bit < ToolHintBits.Names.Length; bit++)
        {
            if ((hints & (1 << bit)) != 0) names.Add(ToolHintBits.Names[bit]);
        }
        return string.Join(", ", names);
    }
}
