using ToolGen.Generator.Model;

namespace ToolGen.Generator.Schema;

/// <summary>
/// The stage between the parser and the emitters: from a tool's spec and the object types it reaches, every schema the
/// generated code carries — each parameters dialect (or why a strict one cannot exist), the result schema and the
/// contract fingerprint. The generator runs it once per tool in the pipeline; the analyzer runs it to report TG0014.
/// </summary>
internal static class SchemaStage
{
    /// <summary>The tool with its schemas (<see cref="ToolSpec.Schemas"/>): the pipeline step between parsing and grouping.</summary>
    public static ParsedTool Apply(ParsedTool parsed) =>
        parsed with { Tool = parsed.Tool with { Schemas = Build(parsed.Tool, new ObjectGraph(parsed.Objects)) } };

    public static ToolSchemasSpec Build(ToolSpec tool, ObjectGraph objects)
    {
        SchemaResult openAI = JsonSchemaBuilder.Parameters(tool, objects, SchemaDialect.OpenAIStrict);
        SchemaResult anthropic = JsonSchemaBuilder.Parameters(tool, objects, SchemaDialect.AnthropicStrict);
        TypeSpec? result = ResultType(tool);
        string? output = result is null ? null : JsonSchemaBuilder.Output(result, objects, tool.ReturnsDescription, asObject: false);
        return new ToolSchemasSpec
        {
            Standard = JsonSchemaBuilder.Parameters(tool, objects, SchemaDialect.Standard).Json!,
            Portable = JsonSchemaBuilder.Parameters(tool, objects, SchemaDialect.Portable).Json!,
            Gemini = JsonSchemaBuilder.Parameters(tool, objects, SchemaDialect.Gemini).Json!,
            OpenAIStrict = openAI.Json,
            OpenAIStrictProblem = openAI.Problem,
            AnthropicStrict = anthropic.Json,
            AnthropicStrictProblem = anthropic.Problem,
            Output = output,
            ObjectOutput = result is null ? null : JsonSchemaBuilder.Output(result, objects, tool.ReturnsDescription, asObject: true),
            OutputIsWrapped = result is not null && !JsonSchemaBuilder.IsObjectResult(result),
            Fingerprint = Fingerprint(tool, objects),
        };
    }

    /// <summary>
    /// Only what a reader of the tool sees and ToolGen.Review's manifest lists: the standard parameters schema, the
    /// OpenAI strict one when the tool asks for strict mode (null otherwise), the result schema and the fingerprint —
    /// each built exactly as <see cref="Build"/> builds it, without the dialects nobody reads there.
    /// </summary>
    public static (string Standard, SchemaResult Strict, string? Output, string Fingerprint) Reviewed(ToolSpec tool, ObjectGraph objects)
    {
        TypeSpec? result = ResultType(tool);
        return (
            JsonSchemaBuilder.Parameters(tool, objects, SchemaDialect.Standard).Json!,
            tool.Strict ? JsonSchemaBuilder.Parameters(tool, objects, SchemaDialect.OpenAIStrict) : default,
            result is null ? null : JsonSchemaBuilder.Output(result, objects, tool.ReturnsDescription, asObject: false),
            Fingerprint(tool, objects));
    }

    private static string Fingerprint(ToolSpec tool, ObjectGraph objects)
    {
        TypeSpec? result = ResultType(tool);
        return ContractFingerprint.Compute(tool.ToolName,
            JsonSchemaBuilder.Parameters(tool, objects, SchemaDialect.Standard, descriptions: false).Json!,
            result is null ? null : JsonSchemaBuilder.Output(result, objects, null, asObject: false, descriptions: false));
    }

    /// <summary>Why OpenAI's strict mode cannot express the tool's parameters (TG0014), or null: the analyzer's question, without the other dialects.</summary>
    public static string? OpenAIStrictProblem(ToolSpec tool, ObjectGraph objects) =>
        JsonSchemaBuilder.Parameters(tool, objects, SchemaDialect.OpenAIStrict).Problem;

    /// <summary>The <c>[ToolSchema]</c> type with its standard and OpenAI-strict schemas (the strict one null when impossible).</summary>
    public static SchemaTypeSpec Apply(SchemaTypeSpec spec)
    {
        var objects = new ObjectGraph(spec.Container.Objects);
        ObjectSpec root = objects[spec.RootTypeName];
        return spec with
        {
            Schema = JsonSchemaBuilder.Object(root, objects, SchemaDialect.Standard).Json!,
            StrictSchema = JsonSchemaBuilder.Object(root, objects, SchemaDialect.OpenAIStrict).Json,
        };
    }

    // Results written as JSON have a schema; text (string) and nothing (void, Task, ValueTask) have none.
    private static TypeSpec? ResultType(ToolSpec tool) =>
        tool.ReturnType is { Shape: not TypeShape.String } type && tool.ReturnKind is ReturnKind.Value or ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT
            ? type
            : null;
}
