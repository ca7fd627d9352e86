using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ToolGen.Review.Tests;

/// <summary>The token budgets: per tool (TG0027) and for the project's set (TG0028), configurable, 0 turns them off.</summary>
public sealed class BudgetTests
{
    private static readonly string s_shop = ReviewProject.ReadSource("Tools/ShopTools.cs");

    private static async Task<string[]> Diagnose(Dictionary<string, string> properties)
    {
        properties.TryAdd("ToolGenManifest", "false");
        using var project = new ReviewProject(s_shop, manifest: null, properties);
        return [.. (await project.DiagnoseAsync()).Select(d => $"{d.Id} {d.GetMessage()}")];
    }

    [Test]
    public async Task TheDefaultBudgetsLeaveAnOrdinaryProjectAlone() =>
        Assert.That(await Diagnose([]), Is.Empty);

    [Test]
    public async Task AToolOverItsBudgetIsReportedWithItsCount()
    {
        string[] messages = await Diagnose(new() { ["ToolGenToolTokenBudget"] = "100" });
        Assert.That(messages, Is.Not.Empty);
        Assert.That(messages, Has.All.Match(@"^TG0027 Tool '\w+' is \d+ o200k_base tokens of JSON in every request that offers it, over the budget of 100 \(ToolGenToolTokenBudget\); shorten its description or split its parameters$"));
        Assert.That(messages, Has.Some.Contains("'place_order'"), "the tool with an object parameter is the most expensive");
    }

    [Test]
    public async Task TheSetOverItsBudgetNamesTheMostExpensiveTools()
    {
        string[] messages = await Diagnose(new() { ["ToolGenTokenBudget"] = "200" });
        Assert.That(messages, Has.Length.EqualTo(1));
        Assert.That(messages[0], Does.Match(@"^TG0028 The project's 3 tools are \d+ o200k_base tokens of JSON together in a request that offers them all, over the budget of 200 \(ToolGenTokenBudget\); offer fewer tools per request or shorten the longest: place_order \(\d+\), \w+ \(\d+\), \w+ \(\d+\)$"));
    }

    [Test]
    public async Task ABudgetEqualToTheCountIsNotExceeded()
    {
        using var project = new ReviewProject(s_shop, manifest: null);
        string manifest = (await project.DiagnoseAsync()).Single().Properties[ReviewDescriptors.ManifestProperty]!;
        var counts = Manifest.ManifestEntry.Read(manifest).Select(e => e.Entry.Tokens).ToArray();
        int largest = counts.Max(), total = counts.Sum();
        Assert.That(await Diagnose(new() { ["ToolGenToolTokenBudget"] = largest.ToString(), ["ToolGenTokenBudget"] = total.ToString() }), Is.Empty);
        Assert.That(await Diagnose(new() { ["ToolGenToolTokenBudget"] = (largest - 1).ToString(), ["ToolGenTokenBudget"] = (total - 1).ToString() }),
            Has.Length.EqualTo(2).And.Some.StartsWith("TG0027 Tool 'place_order'").And.Some.StartsWith("TG0028"));
    }

    [Test]
    public async Task ZeroTurnsABudgetOff() =>
        Assert.That(await Diagnose(new() { ["ToolGenToolTokenBudget"] = "0", ["ToolGenTokenBudget"] = "0" }), Is.Empty);

    [Test]
    public async Task ASettingThatIsNotANumberIsReportedAndTheDefaultUsed()
    {
        string[] messages = await Diagnose(new() { ["ToolGenToolTokenBudget"] = "lots", ["ToolGenManifest"] = "yes" });
        Assert.That(messages, Is.EquivalentTo(new[]
        {
            "TG0029 ToolGenToolTokenBudget is 'lots', which is not a number of tokens (0 turns the budget off); 1000 is used",
            "TG0029 ToolGenManifest is 'yes', which is not true or false; false is used",
        }));
    }
}
