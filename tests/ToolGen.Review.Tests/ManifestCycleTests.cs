using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ToolGen.Review.Tests;

/// <summary>
/// The manifest as a team uses it: written by the code fix, then every change to a tool reported with what changed,
/// accepted by the code fix, and the project clean again.
/// </summary>
public sealed class ManifestCycleTests
{
    private static readonly string s_shop = ReviewProject.ReadSource("Tools/ShopTools.cs");

    private static async Task<ReviewProject> WithManifest(string source)
    {
        var project = new ReviewProject(source, manifest: null);
        await project.FixAsync((await project.DiagnoseAsync()).Single());
        Assert.That(await project.DiagnoseAsync(), Is.Empty, "the manifest the fix wrote matches the code");
        return project;
    }

    private static string[] Messages(IEnumerable<Diagnostic> diagnostics) => [.. diagnostics.Select(d => $"{d.Id} {d.GetMessage()}")];

    [Test]
    public async Task ChangeDescriptionThenBuildWarnsThenTheFixUpdatesTheManifestThenTheBuildIsClean()
    {
        using var project = new ReviewProject(s_shop, manifest: null);

        // Turned on without a manifest: one diagnostic for the project, not one per tool.
        Diagnostic missing = (await project.DiagnoseAsync()).Single();
        Assert.That(missing.Id, Is.EqualTo("TG0025"));
        Assert.That(missing.GetMessage(), Is.EqualTo($"ToolGenManifest is on but '{ReviewProject.ManifestPath}' does not exist; the code fix or 'dotnet msbuild -t:UpdateToolManifest' writes it with the project's 3 tool(s)"));
        Assert.That(await project.FixAsync(missing), Is.EqualTo("Create ToolGen.tools.txt with the project's tools"));
        string written = project.Manifest!;
        Assert.That(written, Does.StartWith("# ToolGen tool manifest"));
        Assert.That(written.Split('\n').Where(l => l.StartsWith("tool ")), Is.EqualTo(new[] { "tool estimate_delivery", "tool find_orders", "tool place_order" }), "sorted by name");
        Assert.That(await project.DiagnoseAsync(), Is.Empty);

        // A reworded description: the tool is named, and so is what changed. Descriptions do not change the contract.
        project.Edit(s => s.Replace("Finds the orders a customer placed, newest first.", "Lists the orders of one customer, newest first."));
        Diagnostic changed = (await project.DiagnoseAsync()).Single();
        Assert.That(changed.Id, Is.EqualTo("TG0026"));
        Assert.That(changed.GetMessage(), Does.Match(@"^Tool 'find_orders' changed: description; tokens \d+ → \d+; if that is intended, update 'ToolGen.tools.txt' \(code fix or 'dotnet msbuild -t:UpdateToolManifest'\)$"));
        Assert.That(changed.Location.SourceTree!.GetText().ToString(changed.Location.SourceSpan), Is.EqualTo("FindOrders"), "reported at the tool");

        Assert.That(await project.FixAsync(changed), Is.EqualTo("Update 'find_orders' in ToolGen.tools.txt"));
        Assert.That(project.Manifest, Does.Contain("Lists the orders of one customer, newest first."));
        Assert.That(project.Manifest, Does.Not.Contain("Finds the orders"));
        Assert.That(await project.DiagnoseAsync(), Is.Empty, "clean again");
    }

    [Test]
    public async Task EachKindOfChangeIsNamed()
    {
        using ReviewProject project = await WithManifest(s_shop);
        project.Edit(s => s
            .Replace("int limit = 10", "int limit = 10, bool includeCancelled = false")              // a parameter added
            .Replace("/// <param name=\"limit\">How many orders to return, 1 to 50.</param>",
                     "/// <param name=\"limit\">How many orders to return, 1 to 100.</param>")      // a parameter's description
            .Replace("[Tool(Strict = true, ReadOnly = true)]", "[Tool(Strict = true)]")              // a hint removed
            .Replace("Shipping shipping, Address? deliverTo = null", "long shipping, Address? deliverTo = null")); // a type
        string[] messages = Messages(await project.DiagnoseAsync());
        Assert.That(messages, Has.Length.EqualTo(3));
        Assert.That(messages[0], Is.EqualTo("TG0026 Tool 'estimate_delivery' changed: hints (ReadOnly → none); if that is intended, update 'ToolGen.tools.txt' (code fix or 'dotnet msbuild -t:UpdateToolManifest')"),
            "hints are not sent to OpenAI, so the tokens stay");
        const string Fix = "; if that is intended, update 'ToolGen.tools.txt' \\(code fix or 'dotnet msbuild -t:UpdateToolManifest'\\)$";
        Assert.That(messages[1], Does.Match("^TG0026 Tool 'find_orders' changed: description of parameter 'limit'; parameter 'includeCancelled' added; "
            + "contract fingerprint \\(stored calls made before this change will not run\\); tokens \\d+ → \\d+" + Fix));
        Assert.That(messages[2], Does.Match("^TG0026 Tool 'place_order' changed: type of parameter 'shipping' \\(\"string\" → \"integer\"\\); "
            + "contract fingerprint \\(stored calls made before this change will not run\\); tokens \\d+ → \\d+" + Fix));
    }

    [Test]
    public async Task AddedAndRemovedToolsAreReportedAndFixAllAcceptsEverything()
    {
        using ReviewProject project = await WithManifest(s_shop);
        project.Edit(s => s
            .Replace("""
                    /// <summary>Gets the delivery estimate for a city — «livraison» en français, 配送 in Japanese — in working days.</summary>
                    /// <param name="city">City name, for example "Zürich" or "São Paulo".</param>
                    [Tool(Strict = true, ReadOnly = true)]
                    public static string EstimateDelivery(string city) => "2 days";
                """, """
                    /// <summary>Cancels an order that has not shipped yet and refunds it to the card it was paid with.</summary>
                    /// <param name="orderId">The order's id, for example "o-311".</param>
                    [Tool(Destructive = true)]
                    public static bool CancelOrder(string orderId) => true;
                """)
            .Replace("Places an order for the items", "Places one order for the items"));
        Diagnostic[] diagnostics = await project.DiagnoseAsync();
        string[] messages = Messages(diagnostics);
        Assert.That(messages, Has.Length.EqualTo(3));
        Assert.That(messages, Has.Some.EqualTo("TG0026 Tool 'cancel_order' is new: it is not in the tool manifest; if that is intended, update 'ToolGen.tools.txt' (code fix or 'dotnet msbuild -t:UpdateToolManifest')"));
        Assert.That(messages, Has.Some.EqualTo("TG0026 Tool 'estimate_delivery' was removed: the tool manifest still lists it; if that is intended, update 'ToolGen.tools.txt' (code fix or 'dotnet msbuild -t:UpdateToolManifest')"));
        Assert.That(messages, Has.Some.EqualTo("TG0026 Tool 'place_order' changed: description; if that is intended, update 'ToolGen.tools.txt' (code fix or 'dotnet msbuild -t:UpdateToolManifest')"),
            "the same number of tokens is not a change");

        // The removed tool is reported on its line in the manifest, where its fix applies.
        Diagnostic removed = diagnostics.Single(d => d.GetMessage().Contains("estimate_delivery"));
        FileLinePositionSpan line = removed.Location.GetLineSpan();
        Assert.That(line.Path, Is.EqualTo(ReviewProject.ManifestPath));
        Assert.That(project.Manifest!.Split('\n')[line.StartLinePosition.Line], Is.EqualTo("tool estimate_delivery"));

        await project.FixAllAsync("TG0026");
        Assert.That(await project.DiagnoseAsync(), Is.Empty);
        Assert.That(project.Manifest, Does.Contain("tool cancel_order").And.Not.Contain("tool estimate_delivery").And.Contain("Places one order"));
    }

    [Test]
    public async Task FixingOneToolLeavesTheOthersToReview()
    {
        using ReviewProject project = await WithManifest(s_shop);
        project.Edit(s => s.Replace("Finds the orders", "Finds all the orders").Replace("Places an order", "Places a new order"));
        Diagnostic[] diagnostics = await project.DiagnoseAsync();
        Assert.That(diagnostics, Has.Length.EqualTo(2));
        await project.FixAsync(diagnostics.Single(d => d.GetMessage().Contains("find_orders")));
        Assert.That(Messages(await project.DiagnoseAsync()), Has.One.Items.And.Some.Contains("'place_order' changed: description"));
    }

    [Test]
    public async Task RemovingTheLastToolLineFromTheManifestIsReportedAsAnAddition()
    {
        using ReviewProject project = await WithManifest(s_shop);
        string manifest = project.Manifest!;
        int start = manifest.IndexOf("tool place_order", System.StringComparison.Ordinal);
        using var edited = new ReviewProject(s_shop, manifest[..start]);
        Assert.That(Messages(await edited.DiagnoseAsync()), Is.EqualTo(new[] { "TG0026 Tool 'place_order' is new: it is not in the tool manifest; if that is intended, update 'ToolGen.tools.txt' (code fix or 'dotnet msbuild -t:UpdateToolManifest')" }));
    }

    [Test]
    public async Task AHandEditedManifestIsComparedLineByLine()
    {
        using ReviewProject project = await WithManifest(s_shop);
        string manifest = project.Manifest!
            .Replace("\n", "\r\n")                                            // checked out with CRLF: not a change
            .Replace("  hints: ReadOnly, Idempotent", "  hints: ReadOnly")    // edited by hand
            .Replace("  tokens: ", "  tokens:   ");                           // spacing inside a value is a change
        using var edited = new ReviewProject(s_shop, manifest);
        string[] messages = Messages(await edited.DiagnoseAsync());
        Assert.That(messages, Has.Length.EqualTo(3));
        Assert.That(messages[1], Does.StartWith("TG0026 Tool 'find_orders' changed: hints (ReadOnly → ReadOnly, Idempotent); tokens "), "the hand edit, and the spacing");
        Assert.That(messages[0], Does.Match(@"^TG0026 Tool 'estimate_delivery' changed: tokens   \d+ → \d+; "), "only the spacing, shown as it is");
        Assert.That(messages[2], Does.Match(@"^TG0026 Tool 'place_order' changed: tokens   \d+ → \d+; "));
    }

    [Test]
    public async Task AManifestThatIsNotAManifestIsReadAsFarAsItGoes()
    {
        string[] junk =
        [
            "",
            "\0\u0001binary\uFFFD junk\n\n\t",
            "  description: \"a field before any tool\"\ntool\ntool \n  :\n  : : :\n",
            "tool find_orders\n  description: {\"unclosed\n  parameters: {\"type\":\n  parameter limit: [[[[\n  tokens: -1\n",
            "tool find_orders\ntool find_orders\n  description: \"twice\"\n" + new string('x', 100_000) + "\n",
        ];
        foreach (string manifest in junk)
        {
            using var project = new ReviewProject(s_shop, manifest);
            Diagnostic[] diagnostics = await project.DiagnoseAsync();
            Assert.That(diagnostics.Select(d => d.Id), Has.All.EqualTo("TG0026"), manifest);
            Assert.That(diagnostics.Count(d => d.Location.IsInSource), Is.EqualTo(3), "each tool is new or changed");

            // The fix-all turns any of them into the manifest the code has.
            await project.FixAllAsync("TG0026");
            Assert.That(await project.DiagnoseAsync(), Is.Empty);
        }
    }

    [Test]
    public async Task ARelativeManifestPathIsFoundUnderTheProject()
    {
        using ReviewProject written = await WithManifest(s_shop);
        using var project = new ReviewProject(s_shop, written.Manifest, new Dictionary<string, string> { ["ToolGenManifestFile"] = "review/ToolGen.tools.txt" },
            manifestPath: ReviewProject.ProjectDirectory + "/review/ToolGen.tools.txt");
        Assert.That(await project.DiagnoseAsync(), Is.Empty);
    }

    [Test]
    public async Task TheFixForARemovedToolRemovesItsEntry()
    {
        using ReviewProject project = await WithManifest(s_shop);
        project.Edit(s => s.Replace("[Tool(Strict = true, ReadOnly = true)]", ""));
        Diagnostic removed = (await project.DiagnoseAsync()).Single();
        Assert.That(removed.Location.IsInSource, Is.False, "reported in the manifest");
        Assert.That(await project.FixAsync(removed), Is.EqualTo("Remove 'estimate_delivery' in ToolGen.tools.txt"));
        Assert.That(project.Manifest, Does.Not.Contain("estimate_delivery").And.Contain("# 2 tools, "));
        Assert.That(await project.DiagnoseAsync(), Is.Empty);
    }

    [Test]
    public async Task WhenEveryToolIsGoneTheManifestStillReportsThem()
    {
        using ReviewProject written = await WithManifest(s_shop);
        using var project = new ReviewProject("public static class NoTools { }", written.Manifest);
        string[] messages = Messages(await project.DiagnoseAsync());
        Assert.That(messages, Has.Length.EqualTo(3).And.All.Contains(" was removed: the tool manifest still lists it"));
        await project.FixAllAsync("TG0026");
        Assert.That(project.Manifest, Does.Contain("# 0 tools, 0 tokens").And.Not.Contain("\ntool "));
        Assert.That(await project.DiagnoseAsync(), Is.Empty);
    }

    [Test]
    public async Task AToolListedTwiceIsReportedAndTheFixKeepsOne()
    {
        using ReviewProject written = await WithManifest(s_shop);
        string manifest = written.Manifest!;
        string entry = manifest[manifest.IndexOf("tool find_orders", System.StringComparison.Ordinal)..manifest.IndexOf("tool place_order", System.StringComparison.Ordinal)];
        string stale = entry.Replace("newest first", "oldest first");
        using var project = new ReviewProject(s_shop, manifest + "\n" + stale);
        Diagnostic twice = (await project.DiagnoseAsync()).Single();
        Assert.That(twice.GetMessage(), Does.StartWith("Tool 'find_orders' is listed more than once in the tool manifest;"), "the first entry counts: no other change");
        Assert.That(twice.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(manifest.Split('\n').Length), "at the second entry");
        await project.FixAsync(twice);
        Assert.That(project.Manifest, Is.EqualTo(manifest));
        Assert.That(await project.DiagnoseAsync(), Is.Empty);
    }

    [Test]
    public async Task ToolsOfOneNameInTwoTypesAreBothListed()
    {
        string source = s_shop + """

            public static partial class SupplierTools
            {
                /// <summary>Finds the orders of a supplier, newest first, with their delivery dates.</summary>
                /// <param name="supplierId">The supplier's id, for example "s-7".</param>
                [Tool(ReadOnly = true)]
                public static string FindOrders(string supplierId) => supplierId;
            }
            """;
        using ReviewProject project = await WithManifest(source);
        Assert.That(project.Manifest!.Split('\n').Where(l => l.StartsWith("tool ")), Is.EqualTo(new[]
        {
            "tool estimate_delivery", "tool find_orders (ToolGen.Review.Tests.Tools.ShopTools)", "tool find_orders (ToolGen.Review.Tests.Tools.SupplierTools)",
            "tool place_order",
        }));
        project.Edit(s => s.Replace("Finds the orders of a supplier", "Finds the purchase orders of a supplier"));
        Assert.That(Messages(await project.DiagnoseAsync()), Has.One.Items.And.Some.StartsWith("TG0026 Tool 'find_orders (ToolGen.Review.Tests.Tools.SupplierTools)' changed: description"));
    }

    [TestCase(FixAllScope.Document)]
    [TestCase(FixAllScope.Solution)]
    public async Task FixAllInEveryScopeTakesEveryToolOfTheProject(FixAllScope scope)
    {
        using ReviewProject project = await WithManifest(s_shop);
        project.Edit(s => s.Replace("Finds the orders", "Finds all the orders").Replace("Places an order", "Places a new order")
            .Replace("[Tool(Strict = true, ReadOnly = true)]", ""));
        Assert.That(await project.DiagnoseAsync(), Has.Length.EqualTo(3));
        await project.FixAllAsync(scope, "TG0026");
        Assert.That(await project.DiagnoseAsync(), Is.Empty);
    }

    [Test]
    public async Task NothingIsCheckedWhenTheManifestIsOff()
    {
        using var project = new ReviewProject(s_shop, manifest: null, new Dictionary<string, string> { ["ToolGenManifest"] = "false" });
        Assert.That(await project.DiagnoseAsync(), Is.Empty);
    }

    [Test]
    public async Task AProjectWithoutToolsNeedsNoManifest()
    {
        using var project = new ReviewProject("public static class Nothing { }", manifest: null);
        Assert.That(await project.DiagnoseAsync(), Is.Empty);
    }

    [Test]
    public async Task TheManifestFormat()
    {
        using ReviewProject project = await WithManifest(s_shop);
        string manifest = project.Manifest!;
        Assert.That(manifest, Does.Not.Contain("\r"), "\\n line ends on every machine");
        string placeOrder = manifest[manifest.IndexOf("tool place_order", System.StringComparison.Ordinal)..];
        string[] lines = placeOrder.TrimEnd('\n').Split('\n');
        Assert.That(lines.Select(l => l.Split(':')[0]), Is.EqualTo(new[]
        {
            "tool place_order", "  description", "  title", "  hints", "  parameters", "  parameter customerId", "  parameter shipping",
            "  parameter deliverTo", "  output", "  fingerprint", "  tokens",
        }));
        Assert.That(lines[1], Does.StartWith("  description: \"Places an order"));
        Assert.That(lines[2], Is.EqualTo("  title: \"Place order\""));
        Assert.That(lines[3], Is.EqualTo("  hints: Destructive, RequiresApproval"));
        Assert.That(lines[4], Is.EqualTo("  parameters: {\"type\":\"object\",\"required\":[\"customerId\",\"shipping\"],\"additionalProperties\":false}"));
        Assert.That(lines[9], Does.Match("^  fingerprint: tg1-[0-9a-f]{24}$"));
        Assert.That(manifest, Does.Contain("tool estimate_delivery\n  description: \"Gets the delivery estimate for a city — «livraison» en français, 配送 in Japanese — in working days.\"\n  hints: ReadOnly\n  strict: true\n"));
    }
}
