using System.Linq;
using System.Text.RegularExpressions;

namespace ToolGen.Generator.Tests;

/// <summary>
/// Contract fingerprints: they change exactly when what a stored call depends on changes (name, parameters, result) and
/// stay put for descriptions, bodies, cultures and rebuilds.
/// </summary>
public sealed class FingerprintTests
{
    private const string Template = """
        using System.Collections.Generic;
        using ToolGen;

        namespace MyApp;

        /// <summary>Order tools.</summary>
        public static partial class OrderTools
        {
            /// <summary>SUMMARY</summary>
            /// <param name="orderId">The order's number.</param>
            /// <param name="reason">Why it is canceled.</param>
            [Tool]
            public static RETURN CancelOrder(PARAMETERS) => BODY;
        }

        /// <summary>A cancellation.</summary>
        /// <param name="OrderId">The order.</param>
        /// <param name="Refunded">Whether it was refunded.</param>
        public sealed record Cancellation(long OrderId, bool Refunded);
        """;

    private const string Summary = "Cancels an order that has not shipped yet.";
    private const string Parameters = "long orderId, string reason = \"customer request\"";
    private const string Return = "Cancellation";
    private const string Body = "new Cancellation(orderId, true)";

    private static string Fingerprint(string summary = Summary, string parameters = Parameters, string returnType = Return, string body = Body, string name = "",
        string attribute = "[Tool]")
    {
        string source = Template.Replace("SUMMARY", summary).Replace("PARAMETERS", parameters).Replace("RETURN", returnType).Replace("BODY", body)
            .Replace("[Tool]", attribute);
        if (name.Length > 0) source = source.Replace("[Tool]", $"[Tool(Name = \"{name}\")]");
        string generated = GeneratorHarness.Run(source).Sources.Values.Single();
        return Regex.Match(generated, "ContractFingerprint = \"(tg1-[0-9a-f]{24})\"").Groups[1].Value;
    }

    [Test]
    public void TheSameSourceGivesTheSameFingerprint()
    {
        string fingerprint = Fingerprint();
        Assert.That(fingerprint, Does.Match("^tg1-[0-9a-f]{24}$"));
        Assert.That(Fingerprint(), Is.EqualTo(fingerprint));
    }

    [Test]
    public void AFixedContractHasAFixedFingerprint() =>
        // Pinned: a different value means every stored conversation would see this tool as changed after an upgrade.
        Assert.That(Fingerprint(), Is.EqualTo("tg1-181c07b1b789c466e3ffe3c2"));

    [Test]
    [SetCulture("tr-TR")]
    [SetUICulture("tr-TR")]
    public void TheCultureDoesNotMatter()
    {
        string turkish = Fingerprint();
        using (new CultureScope("de-DE")) Assert.That(Fingerprint(), Is.EqualTo(turkish));
        using (new CultureScope("")) Assert.That(Fingerprint(), Is.EqualTo(turkish));
    }

    [TestCase("Cancels an order before it ships.", TestName = "a reworded summary")]
    [TestCase("Cancels an order that has not shipped yet. Use it only when the customer asks.", TestName = "a longer summary")]
    public void DescriptionsDoNotCount(string summary) => Assert.That(Fingerprint(summary: summary), Is.EqualTo(Fingerprint()));

    [TestCase("[Tool(TimeoutSeconds = 30)]", TestName = "a timeout")]
    [TestCase("[Tool(MaxRetries = 2)]", TestName = "a retry budget")]
    [TestCase("[Tool(TimeoutSeconds = 0.5, MaxRetries = 0)]", TestName = "both limits")]
    [TestCase("[Tool(TimeoutSeconds = 0, MaxRetries = -1)]", TestName = "the limits' defaults spelled out")]
    public void CallLimitsDoNotCount(string attribute)
    {
        // A timeout or retry budget changes how a runner treats a call, not which arguments are valid or what comes back.
        Assert.That(Fingerprint(attribute: attribute), Is.EqualTo(Fingerprint()));
        Assert.That(Fingerprint(attribute: "[Tool(TimeoutSeconds = 45, MaxRetries = 7)]"), Is.EqualTo(Fingerprint(attribute: attribute)));
    }

    [Test]
    public void TheBodyDoesNotCount() => Assert.That(Fingerprint(body: "new Cancellation(orderId + 1, false)"), Is.EqualTo(Fingerprint()));

    [TestCase("string orderId, string reason = \"customer request\"", TestName = "a parameter's type")]
    [TestCase("long order, string reason = \"customer request\"", TestName = "a parameter's name")]
    [TestCase("long orderId, string reason", TestName = "an optional parameter made required")]
    [TestCase("long orderId, string reason = \"fraud\"", TestName = "a default value")]
    [TestCase("long orderId, string reason = \"customer request\", bool notify = true", TestName = "a new parameter")]
    [TestCase("long orderId", TestName = "a removed parameter")]
    public void ParameterChangesCount(string parameters) =>
        Assert.That(Fingerprint(parameters: parameters, body: "new Cancellation(0, true)"), Is.Not.EqualTo(Fingerprint()));

    [TestCase("bool", "true", TestName = "another result type")]
    [TestCase("string", "\"done\"", TestName = "a text result")]
    [TestCase("Cancellation?", "null", TestName = "a nullable result")]
    public void ResultChangesCount(string returnType, string body) => Assert.That(Fingerprint(returnType: returnType, body: body), Is.Not.EqualTo(Fingerprint()));

    [Test]
    public void TheNameCounts() => Assert.That(Fingerprint(name: "cancel"), Is.Not.EqualTo(Fingerprint()));

    private sealed class CultureScope : System.IDisposable
    {
        private readonly System.Globalization.CultureInfo _previous = System.Globalization.CultureInfo.CurrentCulture;

        public CultureScope(string name) => System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(name);

        public void Dispose() => System.Globalization.CultureInfo.CurrentCulture = _previous;
    }
}
