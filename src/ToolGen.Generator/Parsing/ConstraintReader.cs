using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Parsing;

/// <summary>Reads DataAnnotations attributes into a <see cref="ConstraintSpec"/>.</summary>
internal static class ConstraintReader
{
    private enum Annotation { None, Range, StringLength, MinLength, MaxLength, RegularExpression, EmailAddress, Url, Required }

    public static ConstraintSpec Read(ImmutableArray<AttributeData> attributes, TypeSpec type, KnownSymbols known)
    {
        ConstraintSpec constraints = ConstraintSpec.None;
        foreach (AttributeData attribute in attributes)
        {
            INamedTypeSymbol? attributeClass = attribute.AttributeClass;
            Annotation annotation =
                KnownSymbols.Is(attributeClass, known.RangeAttribute) ? Annotation.Range
                : KnownSymbols.Is(attributeClass, known.StringLengthAttribute) ? Annotation.StringLength
                : KnownSymbols.Is(attributeClass, known.MinLengthAttribute) ? Annotation.MinLength
                : KnownSymbols.Is(attributeClass, known.MaxLengthAttribute) ? Annotation.MaxLength
                : KnownSymbols.Is(attributeClass, known.RegularExpressionAttribute) ? Annotation.RegularExpression
                : KnownSymbols.Is(attributeClass, known.EmailAddressAttribute) ? Annotation.EmailAddress
                : KnownSymbols.Is(attributeClass, known.UrlAttribute) ? Annotation.Url
                : KnownSymbols.Is(attributeClass, known.RequiredAttribute) ? Annotation.Required
                : Annotation.None;
            ImmutableArray<TypedConstant> arguments = attribute.ConstructorArguments;
            switch (annotation)
            {
                case Annotation.Range when arguments.Length == 2 && IsNumber(arguments[0].Value) && IsNumber(arguments[1].Value):
                    constraints = constraints with { Minimum = Number(arguments[0].Value!), Maximum = Number(arguments[1].Value!) };
                    break;
                case Annotation.StringLength when arguments.Length == 1 && arguments[0].Value is int maximum:
                    constraints = constraints with { MaxLength = maximum, MinLength = Named(attribute, "MinimumLength") is int shortest && shortest > 0 ? shortest : constraints.MinLength };
                    break;
                case Annotation.MinLength when arguments.Length == 1 && arguments[0].Value is int minimum:
                    constraints = constraints with { MinLength = minimum };
                    break;
                case Annotation.MaxLength when arguments.Length == 1 && arguments[0].Value is int maximum && maximum >= 0:
                    constraints = constraints with { MaxLength = maximum };
                    break;
                case Annotation.RegularExpression when arguments.Length == 1 && arguments[0].Value is string pattern:
                    // DataAnnotations matches the whole value; JSON Schema's pattern searches, so it is anchored, and
                    // the reader matches with ECMA-262's meaning of the pattern (PatternText).
                    (string readerPattern, bool ecma) = PatternText.ForReader(pattern);
                    constraints = constraints with { Pattern = PatternText.ForSchema(pattern), ReaderPattern = readerPattern, ReaderPatternIsEcma = ecma };
                    break;
                case Annotation.EmailAddress:
                    constraints = constraints with { Format = "email" };
                    break;
                case Annotation.Url:
                    constraints = constraints with { Format = "uri" };
                    break;
                case Annotation.Required:
                    constraints = constraints with { Required = true };
                    if (type.Shape == TypeShape.String && Named(attribute, "AllowEmptyStrings") is not true && constraints.MinLength < 1) constraints = constraints with { MinLength = 1 };
                    break;
            }
        }
        return constraints;
    }

    private static object? Named(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name) return argument.Value.Value;
        }
        return null;
    }

    private static bool IsNumber(object? value) => value is int or double or long;

    private static string Number(object value) => value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : System.Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
