using System.Linq;

namespace ToolGen.Generator.Tests;

/// <summary>The generated source for representative tool classes, compared with reviewed snapshots.</summary>
public sealed class SnapshotTests
{
    [Test]
    public void StaticToolsInAStaticClass()
    {
        GeneratorRun run = GeneratorHarness.Run(TestSources.Weather);
        Assert.That(run.Sources.Keys, Is.EqualTo(new[] { "MyApp.Weather.WeatherTools.ToolGen.g.cs" }));
        Snapshot.Match(run.Sources.Values.Single(), "WeatherTools");
    }

    [Test]
    public void InstanceToolsAndARecord()
    {
        GeneratorRun run = GeneratorHarness.Run(TestSources.Orders);
        Assert.That(run.Sources.Keys, Is.EquivalentTo(new[] { "MyApp.Orders.OrderTools.ToolGen.g.cs", "MyApp.Orders.Inventory.ToolGen.g.cs" }));
        Snapshot.Match(run.Sources["MyApp.Orders.OrderTools.ToolGen.g.cs"], "OrderTools");
        Snapshot.Match(run.Sources["MyApp.Orders.Inventory.ToolGen.g.cs"], "Inventory");
    }

    [Test]
    public void EveryShapeInANestedStructInTheGlobalNamespace()
    {
        GeneratorRun run = GeneratorHarness.Run(TestSources.Shapes);
        Assert.That(run.Sources.Keys, Is.EqualTo(new[] { "Outer.Inner.ToolGen.g.cs" }));
        Snapshot.Match(run.Sources.Values.Single(), "OuterInner");
    }

    [Test]
    public void ObjectsRecordsDictionariesAndRecursion()
    {
        GeneratorRun run = GeneratorHarness.Run(TestSources.Objects);
        Snapshot.Match(run.Sources.Values.Single(), "ShopTools");
    }

    [Test]
    [SetCulture("de-DE")]
    [SetUICulture("de-DE")]
    public void TheOutputDoesNotDependOnTheCulture()
    {
        // Defaults such as 1.5 and -2.5e-8 must not become "1,5" under a culture with a decimal comma.
        GeneratorRun run = GeneratorHarness.Run(TestSources.Shapes);
        Snapshot.Match(run.Sources.Values.Single(), "OuterInner");
    }
}
