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
using ToolGen.Shared;

namespace ToolGen.Generator;

public sealed partial class ToolGenerator
{
    /// <summary>Turns a <c>[Tool]</c> method's symbols into a <see cref="ToolSpec"/>; the only place that touches Roslyn symbols.</summary>
    internal static class Parser
    {
        private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat s_displayFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

        private static readonly HashSet<string> s_listTypes = new(StringComparer.Ordinal)
        {
            "global::System.Collections.Generic.List<T>",
            "global::System.Collections.Generic.IList<T>",
            "global::System.Collections.Generic.ICollection<T>",
            "global::System.Collections.Generic.IReadOnlyList<T>",
            "global::System.Collections.Generic.IReadOnlyCollection<T>",
            "global::System.Collections.Generic.IEnumerable<T>",
        };

        /// <summary>Parses one method, or returns null when the generator cannot produce it (the analyzer reports why).</summary>
        public static ParsedTool? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax) return null;
            AttributeData attribute = context.Attributes[0];
            INamedTypeSymbol type = method.ContainingType;

            ToolContainerSpec? container = ParseContainer(type, syntax);
            if (container is null || method.IsGenericMethod || (method.IsAsync && method.ReturnsVoid)) return null;
            if (!method.IsStatic && (type.IsValueType || type.IsStatic)) return null;

            string toolName = NamedArgument(attribute, "Name") ?? NameConverter.ToToolName(method.Name);
            if (!ToolNameRules.IsValidToolName(toolName)) return null;

            // A <see cref> to another tool of the type reads as that tool's name, which is what the model knows it by.
            DocComment docs = XmlDocReader.Read(method, syntax, cancellationToken, name => SiblingToolName(type, name));

            var parameters = new List<ToolParameterSpec>(method.Parameters.Length);
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ToolParameterSpec? spec = ParseParameter(parameter, docs);
                if (spec is null) return null;
                parameters.Add(spec);
            }

            if (!TryParseReturn(method.ReturnType, out ReturnKind returnKind, out TypeSpec? returnType)) return null;

            string description = NamedArgument(attribute, "Description")
                ?? DescriptionAttribute(method.GetAttributes())
                ?? Join(Join(docs.Summary, docs.Remarks), docs.Returns.Length == 0 ? "" : "Returns: " + docs.Returns);

            var tool = new ToolSpec
            {
                MethodName = method.Name,
                ToolName = toolName,
                Description = description,
                ReturnsDescription = docs.Returns.Length == 0 ? null : docs.Returns,
                IsStatic = method.IsStatic,
                Hints = Hints(attribute),
                Parameters = new EquatableArray<ToolParameterSpec>(parameters.ToArray()),
                ReturnKind = returnKind,
                ReturnType = returnType,
            };
            return new ParsedTool(container, tool);
        }

        /// <summary>Groups parsed methods by declaring type, keeping declaration order.</summary>
        public static ImmutableArray<ToolContainerSpec> Group(ImmutableArray<ParsedTool> tools, CancellationToken cancellationToken)
        {
            var order = new List<ToolContainerSpec>();
            var byType = new Dictionary<ToolContainerSpec, List<ToolSpec>>();
            foreach (ParsedTool parsed in tools)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!byType.TryGetValue(parsed.Container, out List<ToolSpec>? list))
                {
                    byType.Add(parsed.Container, list = new List<ToolSpec>());
                    order.Add(parsed.Container);
                }
                list.Add(parsed.Tool);
            }
            return order.Select(c => c with { Tools = new EquatableArray<ToolSpec>(byType[c].ToArray()) }).ToImmutableArray();
        }

        private static ToolContainerSpec? ParseContainer(INamedTypeSymbol type, MethodDeclarationSyntax syntax)
        {
            // Every type from the method outwards must be a partial, non-generic class, struct or record.
            var declarations = new List<string>();
            var names = new List<string>();
            SyntaxNode? node = syntax.Parent;
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType, node = node?.Parent)
            {
                if (node is not TypeDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)) return null;
                if (current.IsGenericType || current.TypeKind is not (TypeKind.Class or TypeKind.Struct) || current.IsRefLikeType) return null;
                declarations.Add(Declaration(current));
                names.Add(current.Name);
            }
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
                HintName = SanitizeHintName(hint) + ".ToolGen.g.cs",
                IsStaticClass = type.IsStatic,
            };
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

        private static ToolParameterSpec? ParseParameter(IParameterSymbol parameter, DocComment docs)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams) return null;
            string typeName = parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            ParameterBinding binding = typeName switch
            {
                "global::System.Threading.CancellationToken" => ParameterBinding.CancellationToken,
                "global::ToolGen.ToolContext" => ParameterBinding.ToolContext,
                _ => ParameterBinding.Json,
            };
            if (binding != ParameterBinding.Json)
                return new ToolParameterSpec { Name = parameter.Name, JsonName = parameter.Name, Binding = binding };

            TypeSpec? type = MapType(parameter.Type);
            if (type is null) return null;

            var spec = new ToolParameterSpec
            {
                Name = parameter.Name,
                JsonName = parameter.Name,
                Binding = binding,
                Type = type,
                Description = DescriptionAttribute(parameter.GetAttributes()) ?? docs.Parameter(parameter.Name),
            };
            if (!parameter.HasExplicitDefaultValue) return spec;
            FormatDefault(parameter.ExplicitDefaultValue, type, out string expression, out string? json);
            return spec with { HasDefault = true, DefaultExpression = expression, DefaultJson = json };
        }

        private static bool TryParseReturn(ITypeSymbol returnType, out ReturnKind kind, out TypeSpec? type)
        {
            type = null;
            if (returnType.SpecialType == SpecialType.System_Void)
            {
                kind = ReturnKind.Void;
                return true;
            }
            string definition = returnType.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            switch (definition)
            {
                case "global::System.Threading.Tasks.Task":
                    kind = ReturnKind.Task;
                    return true;
                case "global::System.Threading.Tasks.ValueTask":
                    kind = ReturnKind.ValueTask;
                    return true;
                case "global::System.Threading.Tasks.Task<TResult>":
                    kind = ReturnKind.TaskOfT;
                    type = MapType(((INamedTypeSymbol)returnType).TypeArguments[0]);
                    return type is not null;
                case "global::System.Threading.Tasks.ValueTask<TResult>":
                    kind = ReturnKind.ValueTaskOfT;
                    type = MapType(((INamedTypeSymbol)returnType).TypeArguments[0]);
                    return type is not null;
                default:
                    kind = ReturnKind.Value;
                    type = MapType(returnType);
                    return type is not null;
            }
        }

        /// <summary>The type model of <paramref name="type"/>, or null when the generator cannot read and write it.</summary>
        internal static TypeSpec? MapType(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                TypeSpec? inner = MapType(nullable.TypeArguments[0]);
                return inner is null ? null : inner with
                {
                    IsNullable = true,
                    IsNullableValueType = true,
                    TypeName = inner.TypeName + "?",
                    NonNullableTypeName = inner.TypeName,
                };
            }

            bool isNullable = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;
            string typeName = type.ToDisplayString(s_typeFormat);
            string nonNullableTypeName = isNullable
                ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_typeFormat)
                : typeName;
            TypeSpec Spec(TypeShape shape) => new()
            {
                Shape = shape,
                TypeName = typeName,
                NonNullableTypeName = nonNullableTypeName,
                IsNullable = isNullable,
            };

            switch (type.SpecialType)
            {
                case SpecialType.System_String: return Spec(TypeShape.String);
                case SpecialType.System_Boolean: return Spec(TypeShape.Boolean);
                case SpecialType.System_SByte: return Spec(TypeShape.SByte);
                case SpecialType.System_Byte: return Spec(TypeShape.Byte);
                case SpecialType.System_Int16: return Spec(TypeShape.Int16);
                case SpecialType.System_UInt16: return Spec(TypeShape.UInt16);
                case SpecialType.System_Int32: return Spec(TypeShape.Int32);
                case SpecialType.System_UInt32: return Spec(TypeShape.UInt32);
                case SpecialType.System_Int64: return Spec(TypeShape.Int64);
                case SpecialType.System_UInt64: return Spec(TypeShape.UInt64);
                case SpecialType.System_Single: return Spec(TypeShape.Single);
                case SpecialType.System_Double: return Spec(TypeShape.Double);
                case SpecialType.System_Decimal: return Spec(TypeShape.Decimal);
            }

            if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
            {
                EnumMemberSpec[] members = enumType.GetMembers().OfType<IFieldSymbol>()
                    .Where(static f => f.HasConstantValue)
                    .Select(static f => new EnumMemberSpec(f.Name, f.Name, Convert.ToString(f.ConstantValue, CultureInfo.InvariantCulture) ?? "0"))
                    .ToArray();
                return members.Length == 0 ? null : Spec(TypeShape.Enum) with { EnumMembers = new EquatableArray<EnumMemberSpec>(members) };
            }

            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                TypeSpec? element = MapType(array.ElementType);
                return element is null ? null : Spec(TypeShape.Array) with { Element = element };
            }

            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic
                && s_listTypes.Contains(generic.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
            {
                TypeSpec? element = MapType(generic.TypeArguments[0]);
                return element is null ? null : Spec(TypeShape.List) with { Element = element };
            }

            return null;
        }

        private static void FormatDefault(object? value, TypeSpec type, out string expression, out string? json)
        {
            string cast = "(" + type.NonNullableTypeName + ")";
            if (value is null)
            {
                expression = "default";
                json = type.IsNullable || type.Shape is TypeShape.String or TypeShape.Array or TypeShape.List ? "null"
                    : type.Shape == TypeShape.Boolean ? "false"
                    : type.Shape == TypeShape.Enum ? EnumJson(type, "0")
                    : "0";
                return;
            }
            switch (value)
            {
                case string text:
                    expression = CSharpLiteral.String(text);
                    json = JsonText.Quote(text);
                    return;
                case bool flag:
                    expression = json = flag ? "true" : "false";
                    return;
                case float single:
                    expression = float.IsNaN(single) ? "float.NaN" : float.IsPositiveInfinity(single) ? "float.PositiveInfinity"
                        : float.IsNegativeInfinity(single) ? "float.NegativeInfinity" : single.ToString("R", CultureInfo.InvariantCulture) + "F";
                    json = float.IsNaN(single) || float.IsInfinity(single) ? null : single.ToString("R", CultureInfo.InvariantCulture);
                    return;
                case double real:
                    expression = double.IsNaN(real) ? "double.NaN" : double.IsPositiveInfinity(real) ? "double.PositiveInfinity"
                        : double.IsNegativeInfinity(real) ? "double.NegativeInfinity" : real.ToString("R", CultureInfo.InvariantCulture) + "D";
                    json = double.IsNaN(real) || double.IsInfinity(real) ? null : real.ToString("R", CultureInfo.InvariantCulture);
                    return;
                case decimal money:
                    expression = money.ToString(CultureInfo.InvariantCulture) + "M";
                    json = money.ToString(CultureInfo.InvariantCulture);
                    return;
            }
            // Integers, and enums (whose default value is the underlying integer).
            string number = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0";
            expression = cast + "(" + number + ")";
            json = type.Shape == TypeShape.Enum ? EnumJson(type, number) : number;
        }

        private static string? EnumJson(TypeSpec type, string value)
        {
            foreach (EnumMemberSpec member in type.EnumMembers)
            {
                if (member.Value == value) return JsonText.Quote(member.JsonName);
            }
            return null;
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
                if (argument.Value.Value is not true) continue;
                hints |= argument.Key switch
                {
                    "ReadOnly" => 1,
                    "Destructive" => 2,
                    "Idempotent" => 4,
                    "RequiresApproval" => 8,
                    _ => 0,
                };
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

        private static string? DescriptionAttribute(ImmutableArray<AttributeData> attributes)
        {
            foreach (AttributeData attribute in attributes)
            {
                if (attribute.AttributeClass?.ToDisplayString() == "System.ComponentModel.DescriptionAttribute"
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string text)
                {
                    return text;
                }
            }
            return null;
        }

        private static string Join(string first, string second) =>
            first.Length == 0 ? second : second.Length == 0 ? first : first + "\n" + second;
    }
}
