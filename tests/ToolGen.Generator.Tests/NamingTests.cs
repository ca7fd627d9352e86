using System.Linq;

namespace ToolGen.Generator.Tests;

/// <summary>The generated code's names: locals after parameters, helpers after types, both kept unique and valid.</summary>
public sealed class NamingTests
{
    [Test]
    public void LocalsNamedAfterKeywordsOrGeneratedNamesAreEscaped()
    {
        const string source = """
            using ToolGen;

            namespace MyApp.Words;

            /// <summary>A member named like a keyword and like the reader's own locals.</summary>
            /// <param name="Class">A class.</param>
            /// <param name="Value">A value.</param>
            /// <param name="Problems">Problems.</param>
            public sealed record Entry(string Class, int Value, int Problems = 2);

            /// <summary>Tools with awkward parameter names.</summary>
            public static partial class WordTools
            {
                /// <summary>Picks.</summary>
                /// <param name="class">A keyword.</param>
                /// <param name="args">The invoker's reader is called args.</param>
                /// <param name="default">Another keyword.</param>
                /// <param name="seenClass">Named like the flag of another parameter.</param>
                /// <param name="exception">Named like the invoker's catch variable.</param>
                /// <param name="entry">An entry.</param>
                [Tool]
                public static string Pick(string @class, int args = 1, bool @default = false, string seenClass = "x", string exception = "", Entry? entry = null) => @class;
            }
            """;
        string generated = GeneratorHarness.Run(source).Sources.Values.Single();
        Assert.That(generated, Does.Contain("string @class = default!;"));
        Assert.That(generated, Does.Contain("bool seenClass = false;"));
        Assert.That(generated, Does.Contain("int argsValue = 1;"));
        Assert.That(generated, Does.Contain("bool @default = false;"));
        Assert.That(generated, Does.Contain("string seenClassValue = \"x\";"));
        Assert.That(generated, Does.Contain("string exceptionValue = \"\";"));
        Assert.That(generated, Does.Contain("Pick(@class, argsValue, @default, seenClassValue, exceptionValue, entry)"));
        // In the object reader: "value", "problems" and "args" are the reader's own.
        Assert.That(generated, Does.Contain("int valueValue = default;"));
        Assert.That(generated, Does.Contain("int problemsValue = 2;"));
        Assert.That(generated, Does.Contain("new global::MyApp.Words.Entry(@class, valueValue, problemsValue)"));

        // Both nullable contexts and the C# 11 floor.
        GeneratorHarness.Run(source.Replace("Entry? entry", "Entry entry"), version: Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp11, nullable: Microsoft.CodeAnalysis.NullableContextOptions.Disable);
    }

    [Test]
    public void TypesWithTheSameSimpleNameGetNumberedHelpers()
    {
        const string source = """
            using System.Collections.Generic;
            using ToolGen;

            namespace MyApp.Shop
            {
                /// <summary>A shop item.</summary>
                /// <param name="Sku">Its SKU.</param>
                public sealed record Item(string Sku);
            }

            namespace MyApp.Stock
            {
                /// <summary>A stock item.</summary>
                /// <param name="Count">How many.</param>
                public sealed record Item(int Count);
            }

            namespace MyApp
            {
                /// <summary>Tools over both items.</summary>
                public static partial class ItemTools
                {
                    /// <summary>Matches items.</summary>
                    /// <param name="wanted">What is wanted.</param>
                    /// <param name="stock">What is in stock.</param>
                    /// <param name="more">More of what is wanted.</param>
                    [Tool]
                    public static MyApp.Stock.Item Match(MyApp.Shop.Item wanted, List<MyApp.Stock.Item> stock, MyApp.Shop.Item[] more) => stock[0];
                }
            }
            """;
        string generated = GeneratorHarness.Run(source).Sources.Values.Single();
        Assert.That(generated, Does.Contain("private static bool ReadItem(ref global::ToolGen.Serialization.ToolArguments args, out global::MyApp.Shop.Item value)"));
        Assert.That(generated, Does.Contain("private static bool ReadItem2(ref global::ToolGen.Serialization.ToolArguments args, out global::MyApp.Stock.Item value)"));
        Assert.That(generated, Does.Contain("private static bool ReadListOfItem2(ref global::ToolGen.Serialization.ToolArguments args, out global::System.Collections.Generic.List<global::MyApp.Stock.Item> value)"));
        Assert.That(generated, Does.Contain("private static bool ReadArrayOfItem("));
        Assert.That(generated, Does.Contain("private static bool ReadListOfItem(ref global::ToolGen.Serialization.ToolArguments args, out global::System.Collections.Generic.List<global::MyApp.Shop.Item> value)"));
        Assert.That(generated, Does.Contain("private static global::ToolGen.ToolResult ResultFromItem2(global::MyApp.Stock.Item value)"));
        Assert.That(generated, Does.Contain("private static void WriteItem2(global::System.Text.Json.Utf8JsonWriter writer, global::MyApp.Stock.Item value)"));
        Assert.That(generated, Does.Contain("s_itemProperties = new(\"sku\")"));
        Assert.That(generated, Does.Contain("s_item2Properties = new(\"count\")"));
    }
}
