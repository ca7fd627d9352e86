using System;
using System.Globalization;
using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Parsing;

/// <summary>Formats a parameter's default value as a C# expression and as JSON.</summary>
internal static class DefaultValues
{
    public static void Format(object? value, TypeSpec type, out string expression, out string? json)
    {
        string cast = "(" + type.NonNullableTypeName + ")";
        if (value is null)
        {
            // default! also covers a reference type from code without nullable annotations (null default, non-nullable name).
            expression = type.IsReferenceType && !type.IsNullable ? "default!" : "default";
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
                expression = CSharpLiteral.String(text);
                json = JsonText.Quote(text);
                return;
            case char c:
                expression = "(char)" + ((int)c).ToString(CultureInfo.InvariantCulture);
                json = JsonText.Quote(c.ToString());
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

    private static bool IsNumber(TypeShape shape) => shape is >= TypeShape.SByte and <= TypeShape.Decimal;

    private static string? EnumJson(TypeSpec type, string value)
    {
        foreach (EnumMemberSpec member in type.EnumMembers)
        {
            if (member.Value == value) return JsonText.Quote(member.JsonName);
        }
        return null;
    }
}
