using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Json.Schema;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests;

/// <summary>
/// The schema a model is shown and the reader that parses its arguments must agree: every random instance valid against a
/// tool's schema is accepted and reaches the method with equal values, and every mutation into a schema violation is
/// rejected with an error at the violated path.
/// </summary>
public sealed class SchemaAgreementTests
{
    private const int InstancesPerTool = 150;
    private static readonly EvaluationOptions s_evaluation = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };

    // Tools whose single object parameter the method stores in ShopTools.LastReceived, for the equal-values check.
    private static readonly Dictionary<string, (string Parameter, Type Type)> s_received = new()
    {
        ["place_order"] = ("order", typeof(OrderRequest)),
        ["locate"] = ("point", typeof(GeoPoint)),
        ["category_depth"] = ("root", typeof(Category)),
        ["schedule"] = ("appointment", typeof(Appointment)),
        ["add_contact"] = ("contact", typeof(Contact)),
        ["resize"] = ("size", typeof(Size)),
    };

    private static IEnumerable<ToolDescriptor> Tools() =>
        (CatalogTools.Tools + ShopTools.Tools + Outer.Inner.Tools + Clock.Tools)
            .Where(t => t.Name is not ("explode" or "wait_forever"));

    [TestCaseSource(nameof(Tools))]
    public async Task SchemaValidInstancesAreAcceptedWithEqualValues(ToolDescriptor tool)
    {
        int seed = tool.Name.GetHashCode(StringComparison.Ordinal) & 0xFFFF;
        JsonNode schemaNode = JsonNode.Parse(tool.ParametersSchema.Span)!;
        JsonSchema schema = JsonSchema.FromText(schemaNode.ToJsonString());
        var instances = new SchemaInstances(schemaNode, new Random(seed));
        for (int i = 0; i < InstancesPerTool; i++)
        {
            JsonNode instance = instances.Valid(schemaNode)!;
            string json = instance.ToJsonString();
            Assert.That(schema.Evaluate(instance, s_evaluation).IsValid, Is.True, $"generator produced a schema-invalid instance (seed {seed}): {json}");

            ShopTools.LastReceived = null;
            ToolResult result = await tool.InvokeAsync(json);
            Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Success), $"seed {seed}: {json}\n{result.Content}");

            if (s_received.TryGetValue(tool.Name, out var received))
            {
                JsonNode actual = JsonNode.Parse(JsonSerializer.Serialize(ShopTools.LastReceived, received.Type, StjOracle.Options))!;
                string? difference = Difference(instance[received.Parameter], actual, "$." + received.Parameter);
                Assert.That(difference, Is.Null, $"seed {seed}: {json}\nreceived {actual.ToJsonString()}");
            }
        }
    }

    [TestCaseSource(nameof(Tools))]
    public async Task SchemaViolationsAreRejectedAtTheirPath(ToolDescriptor tool)
    {
        int seed = tool.Name.GetHashCode(StringComparison.Ordinal) & 0xFFFF;
        JsonNode schemaNode = JsonNode.Parse(tool.ParametersSchema.Span)!;
        JsonSchema schema = JsonSchema.FromText(schemaNode.ToJsonString());
        var instances = new SchemaInstances(schemaNode, new Random(seed));
        int checkedCount = 0;
        for (int i = 0; i < InstancesPerTool; i++)
        {
            JsonNode valid = instances.Valid(schemaNode)!;
            if (instances.Invalid(schemaNode, valid) is not var (instance, path)) continue;
            string json = instance.ToJsonString();
            if (schema.Evaluate(instance, s_evaluation).IsValid) continue;   // This mutation happened to stay valid.

            ToolResult result = await tool.InvokeAsync(json);
            Assert.That(result.Kind, Is.EqualTo(ToolResultKind.InvalidArguments), $"seed {seed}: {json}\n{result.Content}");
            Assert.That(result.Content, Does.Contain(path + ": "), $"seed {seed}: {json}");
            checkedCount++;
        }
        Assert.That(checkedCount, Is.GreaterThan(InstancesPerTool / 3).Or.EqualTo(0), "most instances should yield a violation");
    }

    // Null when the value the method received (written back by System.Text.Json) matches what was sent; else where it differs.
    private static string? Difference(JsonNode? sent, JsonNode? received, string path)
    {
        switch (sent)
        {
            case null:
                return received is null ? null : $"{path}: sent null, received {received.ToJsonString()}";
            case JsonObject sentObject:
                if (received is not JsonObject receivedObject) return $"{path}: expected an object";
                foreach ((string name, JsonNode? value) in sentObject)
                {
                    // System.Text.Json writes the same names; a null for a non-nullable optional member stands for its default.
                    if (value is null && receivedObject[name] is not null) continue;
                    string? difference = Difference(value, receivedObject[name], path + "." + name);
                    if (difference is not null) return difference;
                }
                return null;
            case JsonArray sentArray:
                if (received is not JsonArray receivedArray || receivedArray.Count != sentArray.Count) return $"{path}: array lengths differ";
                var sentItems = sentArray.Select(n => n?.ToJsonString()).ToList();
                var receivedItems = receivedArray.Select(n => n?.ToJsonString()).ToList();
                for (int i = 0; i < sentArray.Count; i++)
                {
                    string? difference = Difference(sentArray[i], receivedArray[i], $"{path}[{i}]");
                    if (difference is not null && !sentItems.OrderBy(x => x).SequenceEqual(receivedItems.OrderBy(x => x))) return difference;
                }
                return null;
            default:
                return SameScalar((JsonValue)sent, received as JsonValue) ? null : $"{path}: sent {sent.ToJsonString()}, received {received?.ToJsonString()}";
        }
    }

    private static bool SameScalar(JsonValue sent, JsonValue? received)
    {
        if (received is null) return false;
        if (sent.GetValueKind() == JsonValueKind.Number && received.GetValueKind() == JsonValueKind.Number)
        {
            double a = double.Parse(sent.ToJsonString(), CultureInfo.InvariantCulture), b = double.Parse(received.ToJsonString(), CultureInfo.InvariantCulture);
            return Math.Abs(a - b) <= 1e-6 * Math.Max(1, Math.Abs(a));
        }
        if (sent.GetValueKind() != JsonValueKind.String || received.GetValueKind() != JsonValueKind.String) return sent.ToJsonString() == received.ToJsonString();
        string x = sent.GetValue<string>(), y = received.GetValue<string>();
        if (x == y) return true;
        // The same instant, time, duration or id in another text form.
        if (DateTimeOffset.TryParse(x, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d1)
            && DateTimeOffset.TryParse(y, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d2))
            return d1.UtcDateTime == d2.UtcDateTime || d1.DateTime == d2.DateTime;
        if (x.StartsWith('P') && TimeSpan.TryParse(y, CultureInfo.InvariantCulture, out TimeSpan span))
            return System.Xml.XmlConvert.ToTimeSpan(x) == span;
        if (TimeOnly.TryParse(x, CultureInfo.InvariantCulture, out TimeOnly t1) && TimeOnly.TryParse(y, CultureInfo.InvariantCulture, out TimeOnly t2)) return t1 == t2;
        return string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
    }
}
