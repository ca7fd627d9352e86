using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Parsing;

/// <summary>Describes a parameter's default value as data (<see cref="DefaultValueSpec"/>) and as JSON.</summary>
internal static class DefaultValues
{
    public static void Describe(object? value, TypeSpec type, out DefaultValueSpec spec, out string? json)
    {
        if (value is null)
        {
            spec = type.IsNullable ? DefaultValueSpec.Null
                : type.IsReferenceType ? DefaultValueSpec.Empty   // A null default in code without nullable annotations.
                : DefaultValueSpec.Zero;
            json = type.IsNullable || type.IsReferenceType ? "null"
                : type.Shape == TypeShape.Boolean ? "false"
                : type.Shape == TypeShape.Enum ? EnumJson(type, "0")
                : IsNumber(type.Shape) ? "0"
                : null;
            return;
        }
        switch (value)
        {
            case string text:
                spec = new DefaultValueSpec(DefaultValueKind.String, text);
                json = JsonText.Quote(text);
                return;
            case char c:
                spec = new DefaultValueSpec(DefaultValueKind.Char, c.ToString());
                json = JsonText.Quote(c.ToString());
                return;
            case bool flag:
                spec = new DefaultValueSpec(DefaultValueKind.Boolean, flag ? "true" : "false");
                json = spec.Text;
                return;
            case float single:
                spec = new DefaultValueSpec(DefaultValueKind.Single, single.ToString("R", CultureInfo.InvariantCulture));
                json = float.IsNaN(single) || float.IsInfinity(single) ? null : spec.Text;
                return;
            case double real:
                spec = new DefaultValueSpec(DefaultValueKind.Double, real.ToString("R", CultureInfo.InvariantCulture));
                json = double.IsNaN(real) || double.IsInfinity(real) ? null : spec.Text;
                return;
            case decimal money:
                spec = new DefaultValueSpec(DefaultValueKind.Decimal, money.ToString(CultureInfo.InvariantCulture));
                json = spec.Text;
                return;
        }
        // Integers, and enums (whose default value is the underlying integer).
        string number = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0";
        if (type.Shape == TypeShape.Enum)
        {
            spec = new DefaultValueSpec(DefaultValueKind.Enum, number, type.NonNullableTypeName, EnumMember(type, number)?.Name);
            json = EnumJson(type, number);
            return;
        }
        spec = new DefaultValueSpec(DefaultValueKind.Integer, number);
        json = number;
    }

    /// <summary>What a constructor argument without an explicit default starts as: the zero of a value type, else null.</summary>
    public static DefaultValueSpec Unspecified(ITypeSymbol type) =>
        type.IsValueType ? DefaultValueSpec.Zero
        : type.NullableAnnotation == NullableAnnotation.Annotated ? DefaultValueSpec.Null
        : DefaultValueSpec.Empty;

    private static bool IsNumber(TypeShape shape) => shape is >= TypeShape.SByte and <= TypeShape.Decimal;

    private static EnumMemberSpec? EnumMember(TypeSpec type, string value)
    {
        foreach (EnumMemberSpec member in type.EnumMembers)
        {
            if (member.Value == value) return member;
        }
        return null;
    }

    private static string? EnumJson(TypeSpec type, string value) => EnumMember(type, value) is { } member ? JsonText.Quote(member.JsonName) : null;
}
