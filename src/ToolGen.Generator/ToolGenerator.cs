using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToolGen.Generator.Emitters;
using ToolGen.Generator.Schema;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;
using ToolGen.Generator.Parsing;

namespace ToolGen.Generator;

/// <summary>
/// Generates, for every partial type declaring <c>[Tool]</c> methods, the tools' JSON Schemas and a reflection-free
/// dispatcher: a <c>Tools</c> member returning a <c>ToolSet</c>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ToolGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParsedTool> tools = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.ToolAttributeMetadataName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
            .WithTrackingName(ToolGenStepNames.ParsedMethods)
            .Where(static tool => tool is not null)
            .Select(static (tool, _) => SchemaStage.Apply(tool!))
            .WithTrackingName(ToolGenStepNames.ToolSchemas)
            // A tool that asks for strict mode must be expressible in it, or it is not generated (the analyzer reports TG0014).
            .Where(static tool => tool.Tool.CanGenerate)
            .WithTrackingName(ToolGenStepNames.ToolMethods);

        IncrementalValuesProvider<ToolContainerSpec> containers = tools
            .Collect()
            .SelectMany(static (all, cancellationToken) => Parser.Group(all, cancellationToken))
            .WithTrackingName(ToolGenStepNames.ToolContainers);

        context.RegisterSourceOutput(containers, static (output, container) =>
            output.AddSource(container.HintName, ContainerEmitter.Emit(container, output.CancellationToken)));

        IncrementalValuesProvider<SchemaTypeSpec> schemaTypes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.ToolSchemaAttributeMetadataName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) => Parser.ParseSchemaType(context, cancellationToken))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => SchemaStage.Apply(spec!))
            .WithTrackingName(ToolGenStepNames.SchemaTypes);

        context.RegisterSourceOutput(schemaTypes, static (output, spec) =>
            output.AddSource(spec.Container.HintName, SchemaTypeEmitter.Emit(spec, output.CancellationToken)));
    }
}
