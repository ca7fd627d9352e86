using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;
using ToolGen.Generator.Parsing;
using ToolGen.Generator.Diagnostics;
using ToolGen.Shared;

namespace ToolGen.Generator;

public sealed partial class ToolGenerator
{
    /// <summary>Turns a <c>[Tool]</c> method's symbols into a <see cref="ToolSpec"/>; the only place that touches Roslyn symbols.</summary>
    internal static class Parser
    {
        private static readonly SymbolDisplayFormat s_displayFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

        /// <summary>The generator's entry: the method's spec, or null when it cannot be generated (the analyzer reports why).</summary>
        public static ParsedTool? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            context.TargetSymbol is IMethodSymbol method && context.TargetNode is MethodDeclarationSyntax syntax
                ? Parse(method, syntax, context.Attributes[0], context.SemanticModel.Compilation, cancellationToken).Spec
                : null;

        /// <summary>Parses one <c>[Tool]</c> method: its spec, or null with every reason it cannot be generated.</summary>
        internal static ParseResult<ParsedTool> Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, Compilation compilation,
            CancellationToken cancellationToken)
        {
            INamedTypeSymbol type = method.ContainingType;
            KnownSymbols known = KnownSymbols.For(compilation);
            string toolName = NamedArgument(attribute, "Name") ?? NameConverter.ToToolName(method.Name);
            var problems = ImmutableArray.CreateBuilder<ToolProblem>();
            void Fail(DiagnosticDescriptor descriptor, Location? location, params object[] arguments) => problems.Add(new ToolProblem(descriptor, location, arguments));
            ParseResult<ParsedTool> Failed(DocComment docs, TypeModelBuilder? types) =>
                new(null, problems.ToImmutable(), docs, types?.MemberLocations ?? s_noLocations);
            Location methodLocation = syntax.Identifier.GetLocation();

            string? notCallable = method.MethodKind == MethodKind.ExplicitInterfaceImplementation ? "the explicit interface implementation"
                : type.TypeKind == TypeKind.Interface ? "the interface method"
                : method.IsAbstract ? "the abstract method"
                : method.IsExtern ? "the extern method"
                : type.IsRefLikeType ? "the ref struct method"
                : OutermostNonClass(type) is { } outer ? $"a type nested in {outer}, the method"
                : null;
            if (notCallable is not null)
            {
                // Nothing else about a method that cannot be called matters.
                Fail(DiagnosticDescriptors.NotCallable, methodLocation, $"{notCallable} {method.Name}");
                return Failed(DocComment.None, null);
            }
            if (method.IsGenericMethod) Fail(DiagnosticDescriptors.Generic, methodLocation, toolName, "a generic method");
            if (method.IsAsync && method.ReturnsVoid) Fail(DiagnosticDescriptors.AsyncVoid, methodLocation, toolName);
            if (!method.IsStatic && type.IsValueType) Fail(DiagnosticDescriptors.InstanceToolInStruct, methodLocation, toolName, type.Name);
            if (!ToolNameRules.IsValidToolName(toolName)) Fail(DiagnosticDescriptors.InvalidName, NamedArgumentLocation(attribute, "Name", cancellationToken) ?? methodLocation, toolName);
            (double? timeoutSeconds, int? maxRetries) = CallLimitArguments(attribute, toolName, methodLocation, Fail, cancellationToken);

            ToolContainerSpec? container = ParseContainer(type, syntax.Parent, toolName, known, Fail);

            // A <see cref> to another tool of the type reads as that tool's name, which is what the model knows it by.
            DocComment docs = XmlDocReader.Read(method, syntax, cancellationToken, name => SiblingToolName(type, name, known));

            var types = new TypeModelBuilder(compilation, type, cancellationToken);
            var parameters = new List<ToolParameterSpec>(method.Parameters.Length);
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ParseParameter(parameter, docs, types, known, toolName, Fail) is { } spec) parameters.Add(spec);
            }

            if (!TryParseReturn(method.ReturnType, types, known, out ReturnKind returnKind, out TypeSpec? returnType, out string? returnProblem))
                Fail(DiagnosticDescriptors.UnsupportedType, syntax.ReturnType.GetLocation(), toolName, returnProblem!);
            if (container is null || problems.Count > 0) return Failed(docs, types);

            string description = NamedArgument(attribute, "Description")
                ?? known.Description(method)
                ?? Join(Join(docs.Summary, docs.Remarks), docs.Returns.Length == 0 ? "" : "Returns: " + docs.Returns);

            var tool = new ToolSpec
            {
                MethodName = method.Name,
                ToolName = toolName,
                Description = description,
                ReturnsDescription = docs.Returns.Length == 0 ? null : docs.Returns,
                IsStatic = method.IsStatic,
                Hints = Hints(attribute),
                Strict = attribute.NamedArguments.Any(static a => a.Key == "Strict" && a.Value.Value is true),
                Title = NamedArgument(attribute, "Title") is { Length: > 0 } title ? title : null,
                TimeoutSeconds = timeoutSeconds,
                MaxRetries = maxRetries,
                Parameters = new EquatableArray<ToolParameterSpec>(parameters.ToArray()),
                ReturnKind = returnKind,
                ReturnType = returnType,
            };
            return new ParseResult<ParsedTool>(new ParsedTool(container, tool, types.Objects), problems.ToImmutable(), docs, types.MemberLocations);
        }

        private static readonly IReadOnlyDictionary<(string Type, string Member), Location> s_noLocations = new Dictionary<(string Type, string Member), Location>();

        /// <summary>The generator's entry for a <c>[ToolSchema]</c> type: its spec, or null when it cannot be generated.</summary>
        public static SchemaTypeSpec? ParseSchemaType(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            context.TargetSymbol is INamedTypeSymbol type && context.TargetNode is TypeDeclarationSyntax syntax
                ? ParseSchemaType(type, syntax, context.Attributes[0], context.SemanticModel.Compilation, cancellationToken).Spec
                : null;

        /// <summary>Parses a <c>[ToolSchema]</c> type: its spec, or null with every reason its schema and reader cannot be generated.</summary>
        internal static ParseResult<SchemaTypeSpec> ParseSchemaType(INamedTypeSymbol type, TypeDeclarationSyntax syntax, AttributeData attribute, Compilation compilation,
            CancellationToken cancellationToken)
        {
            KnownSymbols known = KnownSymbols.For(compilation);
            string name = NamedArgument(attribute, "Name") ?? NameConverter.ToSnakeCase(type.Name);
            var problems = ImmutableArray.CreateBuilder<ToolProblem>();
            void Fail(DiagnosticDescriptor descriptor, Location? location, params object[] arguments) => problems.Add(new ToolProblem(descriptor, location, arguments));
            Location typeLocation = syntax.Identifier.GetLocation();

            if (!ToolNameRules.IsValidToolName(name)) Fail(DiagnosticDescriptors.InvalidName, NamedArgumentLocation(attribute, "Name", cancellationToken) ?? typeLocation, name);
            ToolContainerSpec? container = ParseContainer(type, syntax, name, known, Fail, ".ToolGen.Schema.g.cs", addsToolsMember: false);

            var types = new TypeModelBuilder(compilation, type, cancellationToken);
            TypeSpec? root = types.Map(type, "$", out string? problem);
            if (root is null) Fail(DiagnosticDescriptors.UnsupportedType, typeLocation, name, problem!);
            if (container is null || root is null || problems.Count > 0)
                return new ParseResult<SchemaTypeSpec>(null, problems.ToImmutable(), DocComment.None, types.MemberLocations);

            EquatableArray<ObjectSpec> objects = types.Objects;
            ObjectSpec spec = objects.First(o => o.TypeName == root.NonNullableTypeName);
            var schemaType = new SchemaTypeSpec
            {
                Container = container with { Objects = objects },
                Name = name,
                Description = NamedArgument(attribute, "Description") ?? spec.Description,
                RootTypeName = spec.TypeName,
            };
            return new ParseResult<SchemaTypeSpec>(schemaType, problems.ToImmutable(), DocComment.None, types.MemberLocations);
        }

        /// <summary>Groups parsed methods by declaring type, keeping declaration order.</summary>
        public static ImmutableArray<ToolContainerSpec> Group(ImmutableArray<ParsedTool> tools, CancellationToken cancellationToken)
        {
            var order = new List<ToolContainerSpec>();
            var byType = new Dictionary<ToolContainerSpec, (List<ToolSpec> Tools, Dictionary<string, ObjectSpec> Objects)>();
            foreach (ParsedTool parsed in tools)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!byType.TryGetValue(parsed.Container, out var group))
                {
                    byType.Add(parsed.Container, group = (new List<ToolSpec>(), new Dictionary<string, ObjectSpec>(StringComparer.Ordinal)));
                    order.Add(parsed.Container);
                }
                // Two tools of one type with one name would make the ToolSet throw; the analyzer reports TG0011, the generator keeps the first.
                if (group.Tools.Any(t => t.ToolName == parsed.Tool.ToolName)) continue;
                group.Tools.Add(parsed.Tool);
                foreach (ObjectSpec spec in parsed.Objects)
                {
                    if (!group.Objects.ContainsKey(spec.TypeName)) group.Objects.Add(spec.TypeName, spec);
                }
            }
            return order.Select(c => c with
            {
                Tools = new EquatableArray<ToolSpec>(byType[c].Tools.ToArray()),
                Objects = new EquatableArray<ObjectSpec>(byType[c].Objects.Values.OrderBy(o => o.TypeName, StringComparer.Ordinal).ToArray()),
            }).ToImmutableArray();
        }

        private delegate void Problem(DiagnosticDescriptor descriptor, Location? location, params object[] arguments);

        private static ToolContainerSpec? ParseContainer(INamedTypeSymbol type, SyntaxNode? typeDeclaration, string toolName, KnownSymbols known,
            Problem fail, string hintSuffix = ".ToolGen.g.cs", bool addsToolsMember = true)
        {
            // Every type from the method outwards must be a partial, non-generic class, struct or record.
            bool ok = true;
            var declarations = new List<TypeDeclarationSpec>();
            var names = new List<string>();
            SyntaxNode? node = typeDeclaration;
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType, node = node?.Parent)
            {
                if (node is not TypeDeclarationSyntax declaration) return null;
                if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    ok = false;
                    if (SymbolEqualityComparer.Default.Equals(current, type))
                        fail(DiagnosticDescriptors.TypeNotPartial, declaration.Identifier.GetLocation(), type.Name, toolName);
                    else
                        fail(DiagnosticDescriptors.ContainingTypeNotPartial, declaration.Identifier.GetLocation(), type.Name, toolName, current.Name);
                }
                if (current.IsGenericType)
                {
                    ok = false;
                    fail(DiagnosticDescriptors.Generic, declaration.Identifier.GetLocation(), toolName, $"declared in the generic type '{current.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'");
                }
                if (current.TypeKind is not (TypeKind.Class or TypeKind.Struct) || current.IsRefLikeType) ok = false;
                declarations.Add(Declaration(current));
                names.Add(current.Name);
            }

            static bool DeclaresByHand(INamedTypeSymbol type, string name) =>
                type.GetMembers(name).Any(static m => !m.IsImplicitlyDeclared && m.DeclaringSyntaxReferences.All(static r => !r.SyntaxTree.FilePath.EndsWith(".ToolGen.g.cs", StringComparison.Ordinal)));
            string? conflict = !addsToolsMember ? null : type.Name == "Tools" ? "is itself named Tools"
                : DeclaresByHand(type, "Tools") ? "already declares a member named Tools"
                : !type.IsStatic && DeclaresByHand(type, "ToolsFromServices") ? "already declares a member named ToolsFromServices" : null;
            if (conflict is not null)
            {
                ok = false;
                fail(DiagnosticDescriptors.ToolsMemberConflict, type.Locations.FirstOrDefault(), type.Name, conflict);
            }
            if (!ok) return null;
            declarations.Reverse();
            names.Reverse();

            string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
            string hint = (ns.Length == 0 ? "" : ns + ".") + string.Join(".", names);
            return new ToolContainerSpec
            {
                Namespace = ns,
                Declarations = new EquatableArray<TypeDeclarationSpec>(declarations.ToArray()),
                TypeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                DisplayName = type.ToDisplayString(s_displayFormat),
                HintName = SanitizeHintName(hint) + hintSuffix,
                IsStaticClass = type.IsStatic,
                HidesInheritedTools = InheritsToolsMember(type, known, "Tools"),
                HidesInheritedToolsFromServices = InheritsToolsMember(type, known, "ToolsFromServices"),
                Factory = addsToolsMember ? ServiceBinding.Factory(type, known) : null,
            };
        }

        // A base type's Tools member is hidden with 'new': one written by hand, or one ToolGen generates for a base type with
        // tools (generators do not see their own output, so that one is recognized by the base type's [Tool] methods).
        private static bool InheritsToolsMember(INamedTypeSymbol type, KnownSymbols known, string member)
        {
            for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.GetMembers(member).Any(static m => m.DeclaredAccessibility is not Accessibility.Private)) return true;
                IMethodSymbol[] tools = [.. current.GetMembers().OfType<IMethodSymbol>().Where(m => KnownSymbols.Attribute(m, known.ToolAttribute) is not null)];
                if (tools.Length == 0) continue;
                // Every type with tools gets Tools; ToolsFromServices goes to non-static ones whose tools are all static or
                // that the generated factory can create.
                if (member == "Tools" || (!current.IsStatic && (tools.All(static m => m.IsStatic) || ServiceBinding.Factory(current, known) is not null))) return true;
            }
            return false;
        }

        // A class nested in an interface (or other non-class type) cannot get a generated partial declaration.
        private static string? OutermostNonClass(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type.ContainingType; current is not null; current = current.ContainingType)
            {
                if (current.TypeKind is not (TypeKind.Class or TypeKind.Struct)) return $"{current.TypeKind.ToString().ToLowerInvariant()} '{current.Name}'";
            }
            return null;
        }

        internal static Location? NamedArgumentLocation(AttributeData attribute, string name, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax || syntax.ArgumentList is null) return null;
            foreach (AttributeArgumentSyntax argument in syntax.ArgumentList.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name) return argument.Expression.GetLocation();
            }
            return null;
        }

        private static TypeDeclarationSpec Declaration(INamedTypeSymbol type) => new(
            type.Name,
            type.IsRecord ? (type.IsValueType ? TypeDeclarationKind.RecordStruct : TypeDeclarationKind.Record) : type.IsValueType ? TypeDeclarationKind.Struct : TypeDeclarationKind.Class,
            type.IsStatic,
            type.IsValueType && type.IsReadOnly);

        private static string SanitizeHintName(string name)
        {
            var text = new StringBuilder(name.Length);
            foreach (char c in name) text.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
            return text.ToString();
        }

        private static ToolParameterSpec? ParseParameter(IParameterSymbol parameter, DocComment docs, TypeModelBuilder types, KnownSymbols known, string toolName, Problem fail)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                string kind = parameter.IsParams ? "params" : parameter.RefKind.ToString().ToLowerInvariant().Replace("refreadonly", "ref readonly");
                fail(DiagnosticDescriptors.ByRefParameter, parameter.Locations.FirstOrDefault(), toolName, kind, parameter.Name);
                return null;
            }
            ParameterBinding binding = KnownSymbols.Is(parameter.Type, known.CancellationToken) ? ParameterBinding.CancellationToken
                : KnownSymbols.Is(parameter.Type, known.ToolContext) ? ParameterBinding.ToolContext
                : ParameterBinding.Json;
            if (binding != ParameterBinding.Json)
                return new ToolParameterSpec { Name = parameter.Name, JsonName = parameter.Name, Binding = binding };

            ServiceSpec? service = ServiceBinding.For(parameter, known, out string? serviceProblem);
            if (serviceProblem is not null)
            {
                fail(DiagnosticDescriptors.UnsupportedType, parameter.Locations.FirstOrDefault(), toolName, serviceProblem);
                return null;
            }
            if (service is not null)
                return new ToolParameterSpec { Name = parameter.Name, JsonName = parameter.Name, Binding = ParameterBinding.Service, Service = service };
            if (ServiceBinding.LooksLikeService(parameter.Type, known))
            {
                // Not a type the model can send, and clearly one the host has: say so (TG0009's code fix adds the attribute).
                fail(DiagnosticDescriptors.UnsupportedType, parameter.Locations.FirstOrDefault(), toolName,
                    $"the parameter '{parameter.Name}' of type {parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} as an argument: it looks like a service; "
                    + "add [FromServices] to have it from the call's services, or use a class, record or struct the model can send");
                return null;
            }

            TypeSpec? mapped = types.Map(parameter.Type, ToolNameRules.PropertyPath("$", parameter.Name), out string? problem);
            if (mapped is null)
            {
                fail(DiagnosticDescriptors.UnsupportedType, parameter.Locations.FirstOrDefault(), toolName, problem!);
                return null;
            }
            (TypeSpec type, ConstraintSpec constraints) = types.ApplyConstraints(mapped, parameter.GetAttributes());

            var spec = new ToolParameterSpec
            {
                Name = parameter.Name,
                JsonName = parameter.Name,
                Binding = binding,
                Type = type,
                Description = known.Description(parameter) ?? docs.Parameter(parameter.Name),
                Constraints = constraints,
            };
            if (!parameter.HasExplicitDefaultValue) return spec;
            DefaultValues.Describe(parameter.ExplicitDefaultValue, type, out DefaultValueSpec defaultValue, out string? json);
            return spec with { HasDefault = true, Default = defaultValue, DefaultJson = json };
        }

        private static bool TryParseReturn(ITypeSymbol returnType, TypeModelBuilder types, KnownSymbols known, out ReturnKind kind, out TypeSpec? type, out string? problem)
        {
            type = null;
            problem = null;
            if (returnType.SpecialType == SpecialType.System_Void)
            {
                kind = ReturnKind.Void;
                return true;
            }
            ITypeSymbol definition = returnType.OriginalDefinition;
            ITypeSymbol? Argument() => ((INamedTypeSymbol)returnType).TypeArguments[0];
            (kind, ITypeSymbol? valueType) =
                KnownSymbols.Is(definition, known.Task) ? (ReturnKind.Task, null)
                : KnownSymbols.Is(definition, known.ValueTask) ? (ReturnKind.ValueTask, null)
                : KnownSymbols.Is(definition, known.TaskOfT) ? (ReturnKind.TaskOfT, Argument())
                : KnownSymbols.Is(definition, known.ValueTaskOfT) ? (ReturnKind.ValueTaskOfT, Argument())
                : (ReturnKind.Value, returnType);
            if (valueType is null) return true;
            type = types.Map(valueType, "result", out problem);
            return type is not null;
        }

        private static string? SiblingToolName(INamedTypeSymbol type, string methodName, KnownSymbols known)
        {
            foreach (ISymbol member in type.GetMembers(methodName))
            {
                if (member is IMethodSymbol method && KnownSymbols.Attribute(method, known.ToolAttribute) is { } attribute)
                    return NamedArgument(attribute, "Name") ?? NameConverter.ToToolName(method.Name);
            }
            return null;
        }

        // [Tool(TimeoutSeconds, MaxRetries)]: null when not set or set to the value meaning "the run's"; an out-of-range
        // value is TG0020, reported on the argument. An argument that does not compile has no value and is left to the compiler.
        private static (double? TimeoutSeconds, int? MaxRetries) CallLimitArguments(AttributeData attribute, string toolName, Location methodLocation, Problem fail,
            CancellationToken cancellationToken)
        {
            double? timeoutSeconds = null;
            int? maxRetries = null;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "TimeoutSeconds" && argument.Value.Value is double seconds)
                {
                    if (!CallLimits.IsValidTimeout(seconds))
                        fail(DiagnosticDescriptors.LimitOutOfRange, NamedArgumentLocation(attribute, argument.Key, cancellationToken) ?? methodLocation,
                            toolName, argument.Key, CallLimits.Display(seconds), CallLimits.TimeoutAdvice);
                    else if (seconds != CallLimits.TimeoutNotSet)
                        timeoutSeconds = seconds;
                }
                else if (argument.Key == "MaxRetries" && argument.Value.Value is int retries)
                {
                    if (!CallLimits.IsValidRetries(retries))
                        fail(DiagnosticDescriptors.LimitOutOfRange, NamedArgumentLocation(attribute, argument.Key, cancellationToken) ?? methodLocation,
                            toolName, argument.Key, CallLimits.Display(retries), CallLimits.RetriesAdvice);
                    else if (retries != CallLimits.RetriesNotSet)
                        maxRetries = retries;
                }
            }
            return (timeoutSeconds, maxRetries);
        }

        private static int Hints(AttributeData attribute)
        {
            int hints = 0;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Value.Value is true) hints |= ToolHintBits.Of(argument.Key);
            }
            return hints;
        }

        private static string? NamedArgument(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is string text) return text;
            }
            return null;
        }

        private static string Join(string first, string second) =>
            first.Length == 0 ? second : second.Length == 0 ? first : first + "\n" + second;
    }
}
