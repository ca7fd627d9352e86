using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ToolGen.Generator.Diagnostics;
using ToolGen.Generator.Schema;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;
using ToolGen.Generator.Parsing;

namespace ToolGen.Generator.Analyzers;

/// <summary>
/// Reports why a <c>[Tool]</c> method cannot become a tool (errors: the generator skips it) and what would make a model
/// use it badly (warnings: vague or missing descriptions, stray doc tags, duplicate names). It runs the generator's own
/// parser, so the analyzer and the generator cannot disagree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ToolAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TypeNotPartial, DiagnosticDescriptors.ContainingTypeNotPartial, DiagnosticDescriptors.Generic,
        DiagnosticDescriptors.MissingDescription, DiagnosticDescriptors.MissingParameterDescription, DiagnosticDescriptors.VagueDescription,
        DiagnosticDescriptors.DescriptionTooLong, DiagnosticDescriptors.InvalidName, DiagnosticDescriptors.UnsupportedType,
        DiagnosticDescriptors.ByRefParameter, DiagnosticDescriptors.DuplicateName, DiagnosticDescriptors.DuplicateNameInAssembly,
        DiagnosticDescriptors.AsyncVoid, DiagnosticDescriptors.UnknownParamTag, DiagnosticDescriptors.StrictUnavailable,
        DiagnosticDescriptors.NotCallable, DiagnosticDescriptors.InstanceToolInStruct, DiagnosticDescriptors.ToolsMemberConflict,
        DiagnosticDescriptors.MissingMemberDescription, DiagnosticDescriptors.LimitOutOfRange, DiagnosticDescriptors.ServiceIsModelValue,
        DiagnosticDescriptors.ConfusableTools, DiagnosticDescriptors.ClosedSetAsText, DiagnosticDescriptors.UnclearEnumMembers);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            KnownSymbols known = KnownSymbols.For(start.Compilation);
            if (known.ToolAttribute is not { } toolAttribute) return;
            var names = new ConcurrentBag<(string Name, IMethodSymbol Method, Location Location)>();
            var described = new ConcurrentBag<(string Name, string Description, Location Location)>();
            start.RegisterSymbolAction(symbol => AnalyzeMethod(symbol, toolAttribute, names, described), SymbolKind.Method);
            if (known.ToolSchemaAttribute is { } schemaAttribute)
                start.RegisterSymbolAction(symbol => AnalyzeSchemaType(symbol, schemaAttribute), SymbolKind.NamedType);
            start.RegisterSyntaxNodeAction(node => AnalyzeLocalFunction(node, toolAttribute), SyntaxKind.LocalFunctionStatement);
            start.RegisterCompilationEndAction(end =>
            {
                ReportDuplicates(end, names);
                ReportConfusable(end, described);
            });
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol toolAttribute, ConcurrentBag<(string, IMethodSymbol, Location)> names,
        ConcurrentBag<(string, string, Location)> described)
    {
        var method = (IMethodSymbol)context.Symbol;
        AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, toolAttribute));
        if (attribute is null) return;
        if (method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { } syntax) return;

        ParseResult<ParsedTool> result = ToolGenerator.Parser.Parse(method, syntax, attribute, context.Compilation, context.CancellationToken);
        Location at = syntax.Identifier.GetLocation();
        foreach (ToolProblem problem in result.Problems) context.ReportDiagnostic(problem.ToDiagnostic(at));
        if (result.Spec is not { } parsed) return;

        ToolSpec tool = parsed.Tool;
        names.Add((tool.ToolName, method, at));
        described.Add((tool.ToolName, tool.Description, at));
        if (tool.Strict)
        {
            // The schema stage decides whether strict mode can express the tool; the generator skips it when not.
            if (SchemaStage.OpenAIStrictProblem(tool, new ObjectGraph(parsed.Objects)) is { } problem)
            {
                Location strictAt = ToolGenerator.Parser.NamedArgumentLocation(attribute, "Strict", context.CancellationToken) ?? at;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StrictUnavailable, strictAt, tool.ToolName, problem));
            }
        }
        CheckDescriptions(context, method, tool, parsed.Objects, result.MemberLocations, at);
        CheckParamTags(context, method, tool, result.Docs, syntax);
    }

    // [ToolSchema] types get the same parser, so the same rules: every problem that keeps the generator from producing
    // the schema and reader, and the members the model fills in without a description.
    private static void AnalyzeSchemaType(SymbolAnalysisContext context, INamedTypeSymbol schemaAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? attribute = KnownSymbols.Attribute(type, schemaAttribute);
        if (attribute is null) return;
        if (type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } syntax) return;

        ParseResult<SchemaTypeSpec> result = ToolGenerator.Parser.ParseSchemaType(type, syntax, attribute, context.Compilation, context.CancellationToken);
        Location at = syntax.Identifier.GetLocation();
        foreach (ToolProblem problem in result.Problems) context.ReportDiagnostic(problem.ToDiagnostic(at));
        if (result.Spec is not { } spec) return;

        var graph = new ObjectGraph(spec.Container.Objects);
        var root = new TypeSpec { Shape = TypeShape.Object, TypeName = spec.RootTypeName, NonNullableTypeName = spec.RootTypeName };
        CheckMembers(context, spec.Name, root, "$", graph, result.MemberLocations, new HashSet<string>());
    }

    private static void CheckDescriptions(SymbolAnalysisContext context, IMethodSymbol method, ToolSpec tool, ToolGen.Generator.Helpers.EquatableArray<ObjectSpec> objects,
        IReadOnlyDictionary<(string Type, string Member), Location> memberLocations, Location at)
    {
        if (tool.Description.Length == 0)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingDescription, at, tool.ToolName));
        else if (DescriptionRules.Vague(tool.Description, tool.ToolName, isTool: true) is { } reason)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.VagueDescription, at, $"tool '{tool.ToolName}'", reason, tool.Description, DescriptionRules.ToolAdvice));
        if (tool.Description.Length > DiagnosticDescriptors.MaxDescriptionLength)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DescriptionTooLong, at, tool.ToolName, tool.Description.Length));

        var graph = new ObjectGraph(objects);
        var reported = new HashSet<string>();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            ToolParameterSpec parameter = tool.Parameters[i];
            if (parameter.Binding == ParameterBinding.Service) CheckService(context, method.Parameters[i], tool.ToolName, at);
            if (parameter.Binding != ParameterBinding.Json) continue;
            Location location = method.Parameters[i].Locations.FirstOrDefault() ?? at;
            if (parameter.Description.Length == 0)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingParameterDescription, location, tool.ToolName, parameter.Name));
            else if (DescriptionRules.Vague(parameter.Description, parameter.Name, isTool: false) is { } reason)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.VagueDescription, location, $"parameter '{parameter.Name}' of tool '{tool.ToolName}'", reason, parameter.Description, DescriptionRules.ParameterAdvice));
            if (parameter.Type!.Shape == TypeShape.String && ClosedSet.Values(parameter.Description) is { } values)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClosedSetAsText, location, tool.ToolName, parameter.Name, string.Join(", ", values)));
            CheckMembers(context, tool.ToolName, parameter.Type!, "$." + parameter.JsonName, graph, memberLocations, reported, location);
        }
    }

    // [FromServices] on a string, number, enum, date… is a value the model should send, not something a host registers.
    private static void CheckService(SymbolAnalysisContext context, IParameterSymbol parameter, string toolName, Location at)
    {
        KnownSymbols known = KnownSymbols.For(context.Compilation);
        if (!ServiceBinding.IsModelValue(parameter.Type, known)) return;
        AttributeData? marked = KnownSymbols.Attribute(parameter, known.FromServicesAttribute) ?? KnownSymbols.Attribute(parameter, known.AspNetFromServicesAttribute)
            ?? KnownSymbols.Attribute(parameter, known.FromKeyedServicesAttribute);
        if (marked?.AttributeClass is not { } attribute) return;
        string name = attribute.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length) : attribute.Name;
        Location location = marked.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? parameter.Locations.FirstOrDefault() ?? at;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ServiceIsModelValue, location, toolName, parameter.Name, name,
            parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
    }

    // Input objects only: what the model must fill in needs explaining; what it only reads in results matters less.
    private static void CheckMembers(SymbolAnalysisContext context, string toolName, TypeSpec type, string path, ObjectGraph graph,
        IReadOnlyDictionary<(string Type, string Member), Location> memberLocations, HashSet<string> reported, Location? at = null)
    {
        for (TypeSpec? current = type; current is not null; current = current.Element)
        {
            if (current.Shape == TypeShape.Enum && at is not null && reported.Add("enum " + current.NonNullableTypeName)) CheckEnum(context, toolName, current, path, at);
            if (current.Shape != TypeShape.Object || !reported.Add(current.NonNullableTypeName)) continue;
            ObjectSpec spec = graph[current];
            foreach (MemberSpec member in spec.Members)
            {
                if (!member.IsReadable) continue;
                string memberPath = path + "." + member.JsonName;
                if (member.Description.Length == 0 && memberLocations.TryGetValue((spec.TypeName, member.Name), out Location? location))
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingMemberDescription, location, toolName, member.Name, memberPath));
                CheckMembers(context, toolName, member.Type, memberPath, graph, memberLocations, reported,
                    memberLocations.TryGetValue((spec.TypeName, member.Name), out Location? memberAt) ? memberAt : at);
            }
        }
    }

    // TG0024: members named by a code (Std, Ndd, T1) and not documented leave the model to guess what they mean.
    private static void CheckEnum(SymbolAnalysisContext context, string toolName, TypeSpec type, string path, Location at)
    {
        string[] unclear = [.. type.EnumMembers.Where(static m => m.Description.Length == 0 && EnumNames.IsAmbiguous(m.Name)).Select(static m => m.Name)];
        if (unclear.Length == 0) return;
        string name = type.NonNullableTypeName.StartsWith("global::", System.StringComparison.Ordinal) ? type.NonNullableTypeName.Substring("global::".Length) : type.NonNullableTypeName;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnclearEnumMembers, at, toolName, path, name, string.Join(", ", unclear)));
    }

    private static void CheckParamTags(SymbolAnalysisContext context, IMethodSymbol method, ToolSpec tool, DocComment docs, MethodDeclarationSyntax syntax)
    {
        foreach (string name in docs.Parameters.Keys)
        {
            if (method.Parameters.Any(p => p.Name == name)) continue;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownParamTag, ParamTagLocation(syntax, name) ?? syntax.Identifier.GetLocation(), tool.ToolName, name));
        }
    }

    /// <summary>The line of the <c>&lt;param name="…"&gt;</c> tag in the doc comment, whether or not the compiler parsed it.</summary>
    internal static Location? ParamTagLocation(MethodDeclarationSyntax syntax, string name)
    {
        var pattern = new Regex("<param\\s+name\\s*=\\s*\"" + Regex.Escape(name) + "\"", RegexOptions.CultureInvariant, System.TimeSpan.FromSeconds(1));
        foreach (SyntaxTrivia trivia in syntax.GetLeadingTrivia())
        {
            string text = trivia.ToFullString();
            Match match = pattern.Match(text);
            if (match.Success) return Location.Create(syntax.SyntaxTree, new TextSpan(trivia.FullSpan.Start + match.Index, match.Length));
        }
        return null;
    }

    private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context, INamedTypeSymbol toolAttribute)
    {
        var function = (LocalFunctionStatementSyntax)context.Node;
        if (function.AttributeLists.Count == 0) return;
        if (context.SemanticModel.GetDeclaredSymbol(function, context.CancellationToken) is not IMethodSymbol symbol) return;
        if (symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, toolAttribute)))
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotCallable, function.Identifier.GetLocation(), $"the local function {symbol.Name}"));
    }

    // The first declaration (in compilation order, as the generator sees them) keeps the name.
    // TG0022 on both tools of each pair that read alike (two tools with one name are TG0011/TG0019 instead).
    private static void ReportConfusable(CompilationAnalysisContext context, ConcurrentBag<(string Name, string Description, Location Location)> described)
    {
        var tools = described.GroupBy(static t => t.Name).Where(static g => g.Count() == 1).Select(static g => g.Single())
            .OrderBy(static t => t.Name, System.StringComparer.Ordinal).ToArray();
        var words = tools.Select(static t => ToolOverlap.Of(t.Name, t.Description)).ToArray();
        for (int i = 0; i < tools.Length; i++)
        {
            for (int j = i + 1; j < tools.Length; j++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (ToolOverlap.Confusable(words[i], words[j]) is not { } overlap) continue;
                string shared = string.Join(", ", overlap.Shared);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConfusableTools, tools[i].Location, tools[i].Name, tools[j].Name, overlap.Similarity, shared));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConfusableTools, tools[j].Location, tools[j].Name, tools[i].Name, overlap.Similarity, shared));
            }
        }
    }

    private static void ReportDuplicates(CompilationAnalysisContext context, ConcurrentBag<(string Name, IMethodSymbol Method, Location Location)> names)
    {
        var treeOrder = context.Compilation.SyntaxTrees.Select((tree, index) => (tree, index)).ToDictionary(t => t.tree, t => t.index);
        foreach (var group in names.GroupBy(n => n.Name))
        {
            var ordered = group.OrderBy(n => n.Location.SourceTree is { } tree && treeOrder.TryGetValue(tree, out int index) ? index : int.MaxValue)
                .ThenBy(n => n.Location.SourceSpan.Start).ToList();
            for (int i = 1; i < ordered.Count; i++)
            {
                // An earlier tool of the same type makes it an error (the generator drops this one); otherwise the first in the assembly is named.
                var duplicate = ordered[i];
                var earlierInType = ordered.Take(i).Where(o => SymbolEqualityComparer.Default.Equals(o.Method.ContainingType, duplicate.Method.ContainingType)).ToList();
                var first = earlierInType.Count > 0 ? earlierInType[0] : ordered[0];
                context.ReportDiagnostic(Diagnostic.Create(earlierInType.Count > 0 ? DiagnosticDescriptors.DuplicateName : DiagnosticDescriptors.DuplicateNameInAssembly,
                    duplicate.Location, group.Key, first.Method.ContainingType.Name + "." + first.Method.Name));
            }
        }
    }
}
