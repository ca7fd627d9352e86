using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using ToolGen.Generator.Diagnostics;

namespace ToolGen.Generator.Analyzers;

/// <summary>
/// Reports why a <c>[Tool]</c> method cannot become a tool. It runs the generator's own parser, so the analyzer and the
/// generator cannot disagree: what the parser rejects, the generator skips and the analyzer explains.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class ToolAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnsupportedType, DiagnosticDescriptors.ByRefParameter);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            INamedTypeSymbol? toolAttribute = start.Compilation.GetTypeByMetadataName(ToolGenerator.ToolAttributeMetadataName);
            if (toolAttribute is null) return;
            start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, toolAttribute), SymbolKind.Method);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol toolAttribute)
    {
        var method = (IMethodSymbol)context.Symbol;
        AttributeData? attribute = null;
        foreach (AttributeData candidate in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, toolAttribute)) attribute = candidate;
        }
        if (attribute is null) return;

        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is not MethodDeclarationSyntax syntax) continue;
            var problems = new List<ToolProblem>();
            ToolGenerator.Parser.Parse(method, syntax, attribute, context.Compilation, context.CancellationToken, problems);
            foreach (ToolProblem problem in problems) context.ReportDiagnostic(problem.ToDiagnostic(syntax.Identifier.GetLocation()));
            return;
        }
    }
}
