using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Json.Schema;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests.Hardening;

/// <summary>
/// Feeds every test tool at least 100,000 random and mutated argument payloads (TOOLGEN_FUZZ_PAYLOADS raises the count
/// for a longer run) and checks what a hostile model must never achieve: an exception out of InvokeAsync, a rejection
/// that is not an InvalidArguments error naming a JSON path, or — for the echo tools, which return exactly the
/// arguments they received — a call whose arguments violate the tool's own schema.
/// </summary>
public sealed partial class DispatcherFuzzTests
{
    private static readonly EvaluationOptions s_evaluation = new() { OutputFormat = OutputFormat.Flag };

    // Tighter limits for a quarter of the payloads, so that the limit scan is fuzzed too.
    private static readonly ToolContext s_tightContext = new() { Limits = new ToolLimits { MaxDepth = 12, MaxStringLength = 2_000, MaxArrayLength = 50, MaxArgumentBytes = 64 * 1024 } };

    private static int PayloadsPerTool =>
        int.TryParse(Environment.GetEnvironmentVariable("TOOLGEN_FUZZ_PAYLOADS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 100_000;

    private static ToolSet AllTools() =>
        FuzzTools.Tools + CatalogTools.Tools + ShopTools.Tools + Outer.Inner.Tools + Clock.Tools;

    [Test]
    public async Task NoPayloadCrashesTheDispatcherOrReachesAMethodInvalid()
    {
        ToolDescriptor[] tools = [.. AllTools().Where(t => t.Name is not ("explode" or "wait_forever"))];
        int perTool = PayloadsPerTool;
        var failures = new ConcurrentQueue<string>();
        var stats = new ConcurrentDictionary<string, (long Accepted, long Rejected)>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(tools, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (tool, _) =>
        {
            bool echo = tool.Name.StartsWith("fuzz_", StringComparison.Ordinal);
            JsonNode schemaNode = JsonNode.Parse(tool.ParametersSchema.Span)!;
            JsonSchema schema = JsonSchema.FromText(schemaNode.ToJsonString());
            int seed = StableSeed(tool.Name);
            var fuzzer = new PayloadFuzzer(schemaNode, seed);
            long accepted = 0, rejected = 0;
            for (int i = 0; i < perTool && failures.Count < 20; i++)
            {
                (byte[] payload, string mutation) = fuzzer.Next();
                ToolContext? context = i % 4 == 3 ? s_tightContext : null;
                string? problem = await Check(tool, schema, echo, payload, context);
                if (problem is null)
                {
                    continue;
                }
                if (problem.Length == 0)
                {
                    accepted++;
                    continue;
                }
                if (problem == "rejected")
                {
                    rejected++;
                    continue;
                }
                failures.Enqueue($"{tool.Name} (seed {seed}, payload {i}, {mutation}): {problem}\n  payload: {Show(payload)}");
            }
            stats[tool.Name] = (accepted, rejected);
        });

        long total = stats.Values.Sum(s => s.Accepted + s.Rejected);
        string summary =
            $"fuzz: {total:N0} payloads to {tools.Length} tools ({perTool:N0} each) in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"{stats.Values.Sum(s => s.Accepted):N0} accepted, {stats.Values.Sum(s => s.Rejected):N0} rejected with a path; {failures.Count} failure(s)";
        TestContext.Progress.WriteLine(summary);
        TestContext.Out.WriteLine(summary);   // Into the TRX, where .ci/run finds it.
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(10)));
        Assert.That(total, Is.EqualTo((long)perTool * tools.Length));
        Assert.That(stats.Where(s => s.Key.StartsWith("fuzz_", StringComparison.Ordinal)).Select(s => s.Value.Accepted), Has.All.GreaterThan(perTool / 100),
            "each echo tool must accept a share of the payloads, or the schema check proves nothing");
    }

    // Null: not counted (cannot happen); "": accepted and valid; "rejected": a proper rejection; anything else: the failure.
    private static async Task<string?> Check(ToolDescriptor tool, JsonSchema schema, bool echo, byte[] payload, ToolContext? context)
    {
        ToolResult result;
        try
        {
            result = await tool.InvokeAsync(payload, context);
        }
        catch (Exception exception)
        {
            return "InvokeAsync threw " + exception;
        }

        switch (result.Kind)
        {
            case ToolResultKind.InvalidArguments:
                string prefix = $"Invalid arguments for {tool.Name}: ";
                if (!result.Content.StartsWith(prefix, StringComparison.Ordinal) || !PathPattern().IsMatch(result.Content.AsSpan(prefix.Length)))
                    return "a rejection without a JSON path: " + result.Content;
                return "rejected";
            case ToolResultKind.Success when echo:
                JsonNode? received;
                try
                {
                    received = JsonNode.Parse(result.Utf8Json.Span);
                }
                catch (Exception exception)
                {
                    return $"the result is not JSON ({exception.Message}): {result.Content}";
                }
                EvaluationResults validation = schema.Evaluate(received, s_evaluation);
                return validation.IsValid ? "" : "the method received arguments that violate its schema: " + result.Content;
            case ToolResultKind.Success:
                return "";
            case ToolResultKind.Failed when !echo && ThrownByTheToolItself(result.Exception):
                return "";   // Valid arguments the test tool's own code cannot handle (sum_lists overflowing a decimal).
            default:
                return $"unexpected {result.Kind}: {result.Content} {result.Exception}";
        }
    }

    // The exception came from the tool method's body, not from ToolGen's reading of its arguments.
    private static bool ThrownByTheToolItself(Exception? exception) =>
        exception is not null && new StackTrace(exception).GetFrames().Any(frame =>
            frame.GetMethod()?.DeclaringType is { } type && type.Namespace == "ToolGen.Tests.Tools" && !type.Name.StartsWith("__ToolGen", StringComparison.Ordinal));

    private static int StableSeed(string name)
    {
        int hash = 17;
        foreach (char c in name) hash = unchecked(hash * 31 + c);
        return hash & 0x7FFFFFFF;
    }

    private static string Show(byte[] payload)
    {
        string text = Encoding.UTF8.GetString(payload);
        return text.Length <= 400 ? text : text[..400] + $"… ({payload.Length} bytes)";
    }

    // "$", then a member, an index or the end of the location ("$: …", "$.city: …", "$[0]…", "$['odd key']…").
    [GeneratedRegex(@"^\$(\.|\[|:)")]
    private static partial Regex PathPattern();
}
