using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;
using ToolGen.Generator.Analyzers;

namespace ToolGen.Generator.Tests;

/// <summary>TG0022's measure on the committed pairs of confusable and distinct tools (TestData/ToolPairs.txt).</summary>
public sealed class OverlapTests
{
    private static IEnumerable<(string Kind, string NameA, string DescriptionA, string NameB, string DescriptionB)> Pairs()
    {
        string directory = typeof(OverlapTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "ToolGenTestProjectDirectory").Value!;
        foreach (string line in File.ReadAllLines(Path.Combine(directory, "TestData", "ToolPairs.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] parts = line.Split('|').Select(static p => p.Trim()).ToArray();
            yield return (parts[0], parts[1], parts[2], parts[3], parts[4]);
        }
    }

    [Test]
    public void TheMeasureSeparatesTheCommittedPairs()
    {
        var caught = new List<string>();
        var missed = new List<string>();
        var quiet = new List<string>();
        var wrong = new List<string>();
        foreach (var pair in Pairs())
        {
            var result = ToolOverlap.Confusable(ToolOverlap.Of(pair.NameA, pair.DescriptionA), ToolOverlap.Of(pair.NameB, pair.DescriptionB));
            string label = $"{pair.NameA} / {pair.NameB}" + (result is { } r ? $" ({r.Similarity:0.00}: {string.Join(", ", r.Shared)})" : "");
            (pair.Kind == "confusable" ? result is null ? missed : caught : result is null ? quiet : wrong).Add(label);
        }
        TestContext.Out.WriteLine($"confusable pairs caught: {caught.Count} of {caught.Count + missed.Count}; distinct pairs reported: {wrong.Count} of {quiet.Count + wrong.Count}");
        TestContext.Out.WriteLine("missed: " + string.Join("; ", missed));
        Assert.That(wrong, Is.Empty, "a related but distinct pair was reported");
        // What the measure cannot see, and docs/diagnostics/TG0022.md says so: a synonym it does not know (book/schedule,
        // stock/inventory), and the same act said with different verbs (refund / issue a refund).
        Assert.That(missed, Is.EquivalentTo(new[] { "schedule_meeting / book_meeting", "refund_order / issue_refund", "get_stock / check_inventory" }));
        Assert.That(caught, Has.Count.EqualTo(13));
    }

    [TestCase("find_orders", "Finds orders for a customer.", "find, order, customer")]
    [TestCase("FindOrders", "Finds the orders of one customer", "find, order, customer")]
    public void WordsAreFoldedAcrossNamesAndProse(string name, string description, string expected)
    {
        var words = ToolOverlap.Of(name, description);
        Assert.That(words.All.OrderBy(static w => w, StringComparer.Ordinal), Is.EqualTo(expected.Split(", ").OrderBy(static w => w, StringComparer.Ordinal)));
        Assert.That(words.Action, Is.EqualTo("find"));
    }

    [TestCase("Priority, one of: low, normal, high.", "low, normal, high")]
    [TestCase("Sort direction: either 'asc' or 'desc'.", "asc, desc")]
    [TestCase("The unit (metric|imperial).", "metric, imperial")]
    [TestCase("Allowed values are `draft`, `sent` and `paid`.", "draft, sent, paid")]
    [TestCase("The size; must be S, M or L", "S, M, L")]
    public void AClosedListInADescriptionIsFound(string description, string expected)
    {
        Assert.That(ClosedSet.Values(description), Is.EqualTo(expected.Split(", ")));
    }

    [TestCase("Either a city name or a postal code.")]
    [TestCase("City name, for example \"Paris\" or \"São Paulo\".")]
    [TestCase("How many days to forecast, 1 to 7.")]
    [TestCase("The temperature values, in Celsius or Fahrenheit.")]
    [TestCase("Must be positive and less than the order's total.")]
    [TestCase("One of the customer's addresses.")]
    [TestCase("")]
    public void ProseIsNotAList(string description)
    {
        Assert.That(ClosedSet.Values(description), Is.Null);
    }

    [TestCase("Std", true)]
    [TestCase("Ndd", true)]
    [TestCase("T1", true)]
    [TestCase("A", true)]
    [TestCase("Celsius", false)]
    [TestCase("Express", false)]
    [TestCase("PDF", false)]
    [TestCase("Html", false)]
    [TestCase("Low", false)]
    public void CodesAreTellFromWords(string member, bool ambiguous)
    {
        Assert.That(ToolGen.Generator.Helpers.EnumNames.IsAmbiguous(member), Is.EqualTo(ambiguous));
    }

    [Test]
    public async System.Threading.Tasks.Task UndocumentedCodesAreTG0024AndDocumentedOnesReachTheSchema()
    {
        const string source = """
            using ToolGen;

            /// <summary>Shipping services, by the carrier's codes.</summary>
            public enum ShippingService
            {
                /// <summary>Standard, 3 to 5 days.</summary>
                Std,
                Ndd,
                /// <summary>Express.</summary>
                Express,
            }

            /// <summary>Order tools.</summary>
            public static partial class ShippingTools
            {
                /// <summary>Ships an order with the chosen service, and returns the tracking number.</summary>
                /// <param name="order">The order number printed on the receipt.</param>
                /// <param name="service">The shipping service.</param>
                [Tool]
                public static string ShipOrder(string order, ShippingService service) => order;
            }
            """;
        var compilation = GeneratorHarness.Compilation(source);
        var diagnostics = await compilation.WithAnalyzers([new ToolGen.Generator.Analyzers.ToolAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        var warning = diagnostics.Single();
        Assert.That(warning.Id, Is.EqualTo("TG0024"));
        Assert.That(warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(
            "Tool 'ship_order' takes ShippingService at $.service, whose members Ndd are named by codes a model cannot read; give each a <summary> or [Description], which ToolGen sends with the schema"));

        string generated = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().GeneratedTrees.Single().ToString();
        // The code's meaning is sent; a member whose name says it ("Express") is not explained again.
        Assert.That(generated, Does.Contain("\"description\":\"The shipping service. Values: Std: Standard, 3 to 5 days.\""));
    }
}
