using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ToolGen.Generator.Diagnostics;
using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Parsing;

/// <summary>
/// The parser's one result for a <c>[Tool]</c> method or a <c>[ToolSchema]</c> type: the spec (null when the generator
/// cannot produce it) and every problem found. The generator keeps the spec; the analyzer reports the problems and uses
/// the documentation and member locations for its description rules. Holds locations, so it never enters the
/// incremental pipeline's cache.
/// </summary>
internal sealed class ParseResult<TSpec>
    where TSpec : class
{
    public ParseResult(TSpec? spec, ImmutableArray<ToolProblem> problems, DocComment docs, IReadOnlyDictionary<(string Type, string Member), Location> memberLocations)
    {
        Spec = spec;
        Problems = problems;
        Docs = docs;
        MemberLocations = memberLocations;
    }

    public TSpec? Spec { get; }

    public ImmutableArray<ToolProblem> Problems { get; }

    /// <summary>The parsed documentation of the method or type.</summary>
    public DocComment Docs { get; }

    /// <summary>Where each object member the spec reaches is declared, by (type name, member name).</summary>
    public IReadOnlyDictionary<(string Type, string Member), Location> MemberLocations { get; }
}
