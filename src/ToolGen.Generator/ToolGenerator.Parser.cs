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

        /// <summary>Parses one method, or returns null when the generator cannot produce it (the analyzer reports why).</summary>
        public static ParsedTool? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            context.TargetSymbol is IMethodSymbol method && context.TargetNode is MethodDeclarationSyntax syntax
                ? Parse(method, syntax, context.Attributes[0], context.SemanticModel.Compilation, cancellationToken, problems: null)
                : null;

        /// <summary>
        /// Parses one method. Returns null when the generator cannot produce it; with <paramref name="problems"/>, also
        /// collects every reason (the analyzer reports them; the generator passes null and stops at the first).
        /// </summary>
        internal static ParsedTool? Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, Compilation compilation,
            CancellationToken cancellationToken, List<ToolProblem>? problems, ParseDetails? details = null)
        {
            INamedTypeSymbol type = method.ContainingType;
            string toolName = NamedArgument(attribute, "Name") ?? NameConverter.ToToolName(method.Name);
            bool failed = false;
            void Fail(DiagnosticDescriptor descriptor, Location? location, params object[] arguments)
            {
                failed = true;
                problems?.Add(new ToolProblem(descriptor, location, arguments));
            }
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
                return null;
            }
            if (method.IsGenericMethod) Fail(DiagnosticDescriptors.Generic, methodLocation, toolName, "a generic method");
            if (method.IsAsync && method.ReturnsVoid) Fail(DiagnosticDescriptors.AsyncVoid, methodLocation, toolName);
            if (!method.IsStatic && type.IsValueType) Fail(DiagnosticDescriptors.InstanceToolInStruct, methodLocation, toolName, type.Name);
            if (!ToolNameRules.IsValidToolName(toolName)) Fail(DiagnosticDescriptors.InvalidName, NamedArgumentLocation(attribute, "Name", cancellationToken) ?? methodLocation, toolName);

            ToolContainerSpec? container = ParseContainer(type, syntax.Parent, toolName, Fail);
            if (container is null || (failed && problems is null)) return null;

            // A <see cref> to another tool of the type reads as that tool's name, which is what the model knows it by.
            DocComment docs = XmlDocReader.Read(method, syntax, cancellationToken, name => SiblingToolName(type, name));

            var types = new TypeModelBuilder(compilation, type, cancellationToken) { MemberLocations = details is null ? null : new() };
            var parameters = new List<ToolParameterSpec>(method.Parameters.Length);
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ToolParameterSpec? spec = ParseParameter(parameter, docs, types, toolName, problems);
                if (spec is null && problems is null) return null;
                if (spec is null) failed = true;
                else parameters.Add(spec);
            }

            if (!TryParseReturn(method.ReturnType, types, out ReturnKind returnKind, out TypeSpec? returnType))
            {
                Fail(DiagnosticDescriptors.UnsupportedType, syntax.ReturnType.GetLocation(), toolName, types.TakeProblem());
                return null;
            }
            if (failed) return null;

            string description = NamedArgument(attribute, "Description")
                ?? TypeModelBuilder.DescriptionAttribute(method)
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
                Parameters = new EquatableArray<ToolParameterSpec>(parameters.ToArray()),
                ReturnKind = returnKind,
                ReturnType = returnType,
            };
            if (details is not null)
            {
                details.Docs = docs;
                details.MemberLocations = types.MemberLocations!;
            }
            return new ParsedTool(container, tool, types.Objects);
        }

        /// <summary>Parses a <c>[ToolSchema]</c> type, or returns null when the generator cannot produce its schema and reader.</summary>
        public static SchemaTypeSpec? ParseSchemaType(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax) return null;
            AttributeData attribute = context.Attributes[0];
            string name = NamedArgument(attribute, "Name") ?? NameConverter.ToSnakeCase(type.Name);
            if (!ToolNameRules.IsValidToolName(name)) return null;
            ToolContainerSpec? container = ParseContainer(type, syntax, name, static (_, _, _) => { }, ".ToolGen.Schema.g.cs", addsToolsMember: false);
            if (container is null) return null;

            var types = new TypeModelBuilder(context.SemanticModel.Compilation, type, cancellationToken);
            TypeSpec? root = types.Map(type, "$");
            if (root is null || root.Shape != TypeShape.Object) return null;
            EquatableArray<ObjectSpec> objects = types.Objects;
            ObjectSpec spec = objects.First(o => o.TypeName == root.NonNullableTypeName);
            return new SchemaTypeSpec
            {
                Container = container with { Objects = objects },
                Name = name,
                Description = NamedArgument(attribute, "Description") ?? spec.Description,
                RootTypeName = spec.TypeName,
            };
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

        private static ToolContainerSpec? ParseContainer(INamedTypeSymbol type, SyntaxNode? typeDeclaration, string toolName,
            Action<DiagnosticDescriptor, Location?, object[]> fail, string hintSuffix = ".ToolGen.g.cs", bool addsToolsMember = true)
        {
            // Every type from the method outwards must be a partial, non-generic class, struct or record.
            bool ok = true;
            var declarations = new List<string>();
            var names = new List<string>();
            SyntaxNode? node = typeDeclaration;
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType, node = node?.Parent)
            {
                if (node is not TypeDeclarationSyntax declaration) return null;
                if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    ok = false;
                    if (SymbolEqualityComparer.Default.Equals(current, type))
                        fail(DiagnosticDescriptors.TypeNotPartial, declaration.Identifier.GetLocation(), new object[] { type.Name, toolName });
                    else
                        fail(DiagnosticDescriptors.ContainingTypeNotPartial, declaration.Identifier.GetLocation(), new object[] { type.Name, toolName, current.Name });
                }
                if (current.IsGenericType)
                {
                    ok = false;
                    fail(DiagnosticDescriptors.Generic, declaration.Identifier.GetLocation(), new object[] { toolName, $"declared in the generic type '{current.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'" });
                }
                if (current.TypeKind is not (TypeKind.Class or TypeKind.Struct) || current.IsRefLikeType) ok = false;
                declarations.Add(Declaration(current));
                names.Add(current.Name);
            }

            string? conflict = !addsToolsMember ? null : type.Name == "Tools" ? "is itself named Tools"
                : type.GetMembers("Tools").Any(static m => !m.IsImplicitlyDeclared && m.DeclaringSyntaxReferences.All(static r => !r.SyntaxTree.FilePath.EndsWith(".ToolGen.g.cs", StringComparison.Ordinal)))
                    ? "already declares a member named Tools" : null;
            if (conflict is not null)
            {
                ok = false;
                fail(DiagnosticDescriptors.ToolsMemberConflict, type.Locations.FirstOrDefault(), new object[] { type.Name, conflict });
            }
            if (!ok) return null;
            declarations.Reverse();
            names.Reverse();

            string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
            string hint = (ns.Length == 0 ? "" : ns + ".") + string.Join(".", names);
            return new ToolContainerSpec
            {
                Namespace = ns,
                Declarations = new EquatableArray<string>(declarations.ToArray()),
                TypeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                DisplayName = type.ToDisplayString(s_displayFormat),
                HintName = SanitizeHintName(hint) + hintSuffix,
                IsStaticClass = type.IsStatic,
                HidesInheritedTools = InheritsToolsMember(type),
            };
        }

        // A base type's Tools member is hidden with 'new': one written by hand, or one ToolGen generates for a base type with
        // tools (generators do not see their own output, so that one is recognized by the base type's [Tool] methods).
        private static bool InheritsToolsMember(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (current.GetMembers("Tools").Any(static m => m.DeclaredAccessibility is not Accessibility.Private)) return true;
                if (current.GetMembers().OfType<IMethodSymbol>().Any(static m => m.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == ToolAttributeMetadataName)))
                    return true;
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

        private static string Declaration(INamedTypeSymbol type)
        {
            string keyword = type.IsRecord ? (type.IsValueType ? "record struct" : "record") : type.IsValueType ? "struct" : "class";
            string modifiers = (type.IsStatic ? "static " : "") + (type.IsValueType && type.IsReadOnly ? "readonly " : "");
            return modifiers + "partial " + keyword + " " + CSharpLiteral.Identifier(type.Name);
        }

        private static string SanitizeHintName(string name)
        {
            var text = new StringBuilder(name.Length);
            foreach (char c in name) text.Append(char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_');
            return text.ToString();
        }

        private static ToolParameterSpec? ParseParameter(IParameterSymbol parameter, DocComment docs, TypeModelBuilder types, string toolName, List<ToolProblem>? problems)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                string kind = parameter.IsParams ? "params" : parameter.RefKind.ToString().ToLowerInvariant().Replace("refreadonly", "ref readonly");
                problems?.Add(new ToolProblem(DiagnosticDescriptors.ByRefParameter, parameter.Locations.FirstOrDefault(), toolName, kind, parameter.Name));
                return null;
            }
            string typeName = parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            ParameterBinding binding = typeName switch
            {
                "global::System.Threading.CancellationToken" => ParameterBinding.CancellationToken,
                "global::ToolGen.ToolContext" => ParameterBinding.ToolContext,
                _ => ParameterBinding.Json,
            };
            if (binding != ParameterBinding.Json)
                return new ToolParameterSpec { Name = parameter.Name, JsonName = parameter.Name, Binding = binding };

            TypeSpec? mapped = types.Map(parameter.Type, ToolNameRules.PropertyPath("$", parameter.Name));
            if (mapped is null)
            {
                problems?.Add(new ToolProblem(DiagnosticDescriptors.UnsupportedType, parameter.Locations.FirstOrDefault(), toolName, types.TakeProblem()));
                return null;
            }
            (TypeSpec type, ConstraintSpec constraints) = TypeModelBuilder.ApplyConstraints(mapped, parameter.GetAttributes());

            var spec = new ToolParameterSpec
            {
                Name = parameter.Name,
                JsonName = parameter.Name,
                Binding = binding,
                Type = type,
                Description = TypeModelBuilder.DescriptionAttribute(parameter) ?? docs.Parameter(parameter.Name),
                Constraints = constraints,
            };
            if (!parameter.HasExplicitDefaultValue) return spec;
            DefaultValues.Describe(parameter.ExplicitDefaultValue, type, out DefaultValueSpec defaultValue, out string? json);
            return spec with { HasDefault = true, Default = defaultValue, DefaultJson = json };
        }

        private static bool TryParseReturn(ITypeSymbol returnType, TypeModelBuilder types, out ReturnKind kind, out TypeSpec? type)
        {
            type = null;
            if (returnType.SpecialType == SpecialType.System_Void)
            {
                kind = ReturnKind.Void;
                return true;
            }
            string definition = returnType.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            (kind, ITypeSymbol? valueType) = definition switch
            {
                "global::System.Threading.Tasks.Task" => (ReturnKind.Task, null),
                "global::System.Threading.Tasks.ValueTask" => (ReturnKind.ValueTask, null),
                "global::System.Threading.Tasks.Task<TResult>" => (ReturnKind.TaskOfT, ((INamedTypeSymbol)returnType).TypeArguments[0]),
                "global::System.Threading.Tasks.ValueTask<TResult>" => (ReturnKind.ValueTaskOfT, ((INamedTypeSymbol)returnType).TypeArguments[0]),
                _ => (ReturnKind.Value, returnType),
            };
            if (valueType is null) return true;
            type = types.Map(valueType, "result");
            return type is not null;
        }

        private static string? SiblingToolName(INamedTypeSymbol type, string methodName)
        {
            foreach (ISymbol member in type.GetMembers(methodName))
            {
                if (member is not IMethodSymbol method) continue;
                foreach (AttributeData attribute in method.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == ToolAttributeMetadataName)
                        return NamedArgument(attribute, "Name") ?? NameConverter.ToToolName(method.Name);
                }
            }
            return null;
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
