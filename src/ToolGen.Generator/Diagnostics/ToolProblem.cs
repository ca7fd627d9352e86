using Microsoft.CodeAnalysis;

namespace ToolGen.Generator.Diagnostics;

/// <summary>A reason the generator cannot produce a tool, found by the parser and reported by the analyzer.</summary>
internal sealed record ToolProblem(DiagnosticDescriptor Descriptor, Location? Location, params object[] Arguments)
{
    public Diagnostic ToDiagnostic(Location fallback) => Diagnostic.Create(Descriptor, Location ?? fallback, Arguments);
}
