using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using ToolGen.Generator.Helpers;

namespace ToolGen.Generator.Tests;

/// <summary>
/// <c>[Tool(TimeoutSeconds, MaxRetries)]</c>: written into the descriptor only when set, exactly and whatever the culture;
/// out-of-range values are TG0020 on the argument, and the tool is skipped.
/// </summary>
public sealed class CallLimitTests
{
    private const string LimitTools = """
        using System.Threading;
        using System.Threading.Tasks;
        using ToolGen;

        namespace MyApp.Forecasts;

        /// <summary>Forecast tools with per-tool timeouts and retry budgets.</summary>
        public static partial class ForecastTools
        {
            /// <summary>Gets the 7-day forecast for a city, one line per day with temperatures and sky conditions.</summary>
            /// <param name="city">City name, for example "Paris" or "São Paulo".</param>
            /// <param name="cancellationToken">Cancels the call.</param>
            [Tool(ReadOnly = true, TimeoutSeconds = 30, MaxRetries = 2)]
            public static Task<string> GetForecastAsync(string city, CancellationToken cancellationToken) => Task.FromResult(city);

            /// <summary>Checks whether the forecast service answers, within half a second.</summary>
            [Tool(TimeoutSeconds = 0.5)]
            public static bool Ping() => true;

            /// <summary>Refreshes a city's forecast; the model may not retry a rejected refresh.</summary>
            /// <param name="city">City name, for example "Paris".</param>
            [Tool(MaxRetries = 0)]
            public static void Refresh(string city) { }

            /// <summary>Archives old forecasts; it may run for up to a day.</summary>
            [Tool(TimeoutSeconds = 86400, MaxRetries = 100)]
            public static void Archive() { }

            /// <summary>Gets the forecast's issue time, with the run's timeout and retry budget spelled out.</summary>
            [Tool(TimeoutSeconds = 0, MaxRetries = -1)]
            public static string IssuedAt() => "06:00";

            /// <summary>Gets the forecast's issuer; no limits at all.</summary>
            [Tool]
            public static string Issuer() => "Met";
        }
        """;

    private const string GoodTool = """
        using ToolGen;

        /// <summary>Weather tools.</summary>
        public static partial class WeatherTools
        {
            /// <summary>Gets the current weather for a city, including temperature and sky conditions.</summary>
            /// <param name="city">City name, for example "Paris" or "São Paulo".</param>
            [Tool(ARGUMENTS)]
            public static string GetWeather(string city) => city;
        }
        """;

    private static string WithArguments(string arguments) => GoodTool.Replace("ARGUMENTS", arguments);

    /// <summary>The object initializer of one tool's descriptor in the generated file.</summary>
    private static string Initializer(string generated, string toolName)
    {
        int start = generated.IndexOf($"new global::ToolGen.ToolDescriptor(\"{toolName}\"", System.StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), toolName);
        return generated[start..generated.IndexOf('}', start)];
    }

    [Test]
    public void TheSnapshotShowsBothLimitsOnlyWhereTheyAreSet()
    {
        GeneratorRun run = GeneratorHarness.Run(LimitTools);
        Snapshot.Match(run.Sources.Values.Single(), "ForecastTools");
    }

    [Test]
    public void SetLimitsAreWrittenAsExactMillisecondsAndACount()
    {
        string generated = GeneratorHarness.Run(LimitTools).Sources.Values.Single();
        string forecast = Initializer(generated, "get_forecast");
        Assert.That(forecast, Does.Contain("Timeout = global::System.TimeSpan.FromMilliseconds(30000),"));
        Assert.That(forecast, Does.Contain("MaxRetries = 2,"));
        Assert.That(Initializer(generated, "ping"), Does.Contain("Timeout = global::System.TimeSpan.FromMilliseconds(500),").And.Not.Contain("MaxRetries"));
        Assert.That(Initializer(generated, "refresh"), Does.Contain("MaxRetries = 0,").And.Not.Contain("Timeout ="));
        Assert.That(Initializer(generated, "archive"), Does.Contain("FromMilliseconds(86400000),").And.Contain("MaxRetries = 100,"));
    }

    [TestCase("issued_at", TestName = "explicit defaults (0 and -1)")]
    [TestCase("issuer", TestName = "no arguments")]
    public void UnsetLimitsAreNotWritten(string toolName)
    {
        string initializer = Initializer(GeneratorHarness.Run(LimitTools).Sources.Values.Single(), toolName);
        Assert.That(initializer, Does.Not.Contain("Timeout").And.Not.Contain("MaxRetries"));
    }

    [TestCase("TimeoutSeconds = 1.005", "FromMilliseconds(1005)")]   // 1.005 * 1000 is 1004.9999999999999 in binary.
    [TestCase("TimeoutSeconds = 0.0005", "FromMilliseconds(0.5)")]
    [TestCase("TimeoutSeconds = 1e-7", "FromMilliseconds(0.0001)")]
    [TestCase("TimeoutSeconds = 12345.678901234567", "FromMilliseconds(12345678.901234567)")]
    [TestCase("TimeoutSeconds = 2 * 60", "FromMilliseconds(120000)")]
    [TestCase("TimeoutSeconds = 86400", "FromMilliseconds(86400000)")]
    [TestCase("TimeoutSeconds = -0.0", null)]
    public void TimeoutsAreExactInDecimal(string arguments, string? expected)
    {
        string generated = GeneratorHarness.Run(WithArguments(arguments)).Sources.Values.Single();
        if (expected is null) Assert.That(generated, Does.Not.Contain("Timeout ="));
        else Assert.That(generated, Does.Contain("Timeout = global::System.TimeSpan." + expected + ","));
    }

    [Test]
    [SetCulture("de-DE")]
    [SetUICulture("de-DE")]
    public void TheMillisecondsDoNotDependOnTheCulture()
    {
        string generated = GeneratorHarness.Run(WithArguments("TimeoutSeconds = 0.0015")).Sources.Values.Single();
        Assert.That(generated, Does.Contain("FromMilliseconds(1.5),"));
        Snapshot.Match(GeneratorHarness.Run(LimitTools).Sources.Values.Single(), "ForecastTools");
    }

    [TestCase("TimeoutSeconds = -1", "TimeoutSeconds", "-1")]
    [TestCase("TimeoutSeconds = -0.001", "TimeoutSeconds", "-0.001")]
    [TestCase("TimeoutSeconds = double.NaN", "TimeoutSeconds", "NaN")]
    [TestCase("TimeoutSeconds = double.PositiveInfinity", "TimeoutSeconds", "Infinity")]
    [TestCase("TimeoutSeconds = double.NegativeInfinity", "TimeoutSeconds", "-Infinity")]
    [TestCase("TimeoutSeconds = 1.0 / 0", "TimeoutSeconds", "Infinity")]
    [TestCase("TimeoutSeconds = 86400.001", "TimeoutSeconds", "86400.001")]
    [TestCase("TimeoutSeconds = 1e9", "TimeoutSeconds", "1000000000")]
    [TestCase("MaxRetries = -2", "MaxRetries", "-2")]
    [TestCase("MaxRetries = int.MinValue", "MaxRetries", "-2147483648")]
    [TestCase("MaxRetries = 101", "MaxRetries", "101")]
    [TestCase("MaxRetries = int.MaxValue", "MaxRetries", "2147483647")]
    public async Task TG0020_AnOutOfRangeValueIsAnErrorOnTheArgument(string arguments, string property, string shown)
    {
        string source = WithArguments("ReadOnly = true, " + arguments);
        Diagnostic[] diagnostics = await RuleTests.Diagnose(source);
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0020" }));
        Diagnostic diagnostic = diagnostics[0];
        Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        string advice = property == "TimeoutSeconds"
            ? "use a number of seconds greater than 0 and at most 86400 (24 hours), or 0 for the run's timeout"
            : "use a count from 0 to 100, or -1 for the run's retry budget";
        Assert.That(diagnostic.GetMessage(CultureInfo.InvariantCulture), Is.EqualTo($"Tool 'get_weather' has {property} = {shown}, which is out of range; {advice}"));
        string expression = arguments[(arguments.IndexOf('=') + 2)..];
        Assert.That(diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length), Is.EqualTo(expression));
        // No invented address: the help link is left out until the repository has a public one (the page is docs/diagnostics/TG0020.md).
        Assert.That(diagnostic.Descriptor.HelpLinkUri, Is.Empty);

        // The generator skips the tool, as for every other error.
        Assert.That(GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compilation(source)).GetRunResult().GeneratedTrees, Is.Empty);
    }

    [Test]
    [SetCulture("de-DE")]
    public async Task TG0020_ShowsTheValueInvariantly()
    {
        Diagnostic[] diagnostics = await RuleTests.Diagnose(WithArguments("TimeoutSeconds = -2.5"));
        Assert.That(diagnostics.Single().GetMessage(new CultureInfo("de-DE")), Does.StartWith("Tool 'get_weather' has TimeoutSeconds = -2.5,"));
    }

    [Test]
    public async Task TG0020_BothValuesOutOfRangeGiveTwoErrors()
    {
        Diagnostic[] diagnostics = await RuleTests.Diagnose(WithArguments("TimeoutSeconds = -30, MaxRetries = 1000"));
        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "TG0020", "TG0020" }));
        Assert.That(diagnostics[0].GetMessage(CultureInfo.InvariantCulture), Does.StartWith("Tool 'get_weather' has TimeoutSeconds = -30, which is out of range;"));
        Assert.That(diagnostics[1].GetMessage(CultureInfo.InvariantCulture), Does.StartWith("Tool 'get_weather' has MaxRetries = 1000, which is out of range;"));
    }

    [TestCase("TimeoutSeconds = 0")]
    [TestCase("MaxRetries = -1")]
    [TestCase("TimeoutSeconds = 0, MaxRetries = -1")]
    [TestCase("TimeoutSeconds = -0.0")]
    [TestCase("TimeoutSeconds = 5e-324")]
    [TestCase("TimeoutSeconds = 86400, MaxRetries = 100")]
    [TestCase("TimeoutSeconds = 0.5, MaxRetries = 0")]
    public async Task TG0020_InRangeValuesAndTheDefaultsReportNothing(string arguments)
    {
        Assert.That(await RuleTests.Diagnose(WithArguments(arguments)), Is.Empty);
    }

    [Test]
    public async Task TG0020_AnArgumentThatDoesNotCompileIsLeftToTheCompiler()
    {
        // The compiler reports CS0029; the attribute then has no value for the generator to check.
        Diagnostic[] diagnostics = await RuleTests.Diagnose(WithArguments("TimeoutSeconds = \"soon\""));
        Assert.That(diagnostics.Where(d => d.Id.StartsWith("TG", System.StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void TheLimitsArePartOfTheModelsEquality()
    {
        object first = GeneratorHarness.Run(WithArguments("TimeoutSeconds = 30, MaxRetries = 2")).Containers[0];
        Assert.That(GeneratorHarness.Run(WithArguments("TimeoutSeconds = 30, MaxRetries = 2")).Containers[0], Is.EqualTo(first));
        Assert.That(GeneratorHarness.Run(WithArguments("TimeoutSeconds = 30.0, MaxRetries = 2")).Containers[0], Is.EqualTo(first), "the same value written differently");
        Assert.That(GeneratorHarness.Run(WithArguments("TimeoutSeconds = 31, MaxRetries = 2")).Containers[0], Is.Not.EqualTo(first));
        Assert.That(GeneratorHarness.Run(WithArguments("TimeoutSeconds = 30, MaxRetries = 3")).Containers[0], Is.Not.EqualTo(first));
        Assert.That(GeneratorHarness.Run(WithArguments("TimeoutSeconds = 0, MaxRetries = -1")).Containers[0],
            Is.EqualTo(GeneratorHarness.Run(WithArguments("")).Containers[0]), "explicit defaults are the same tool as none");
    }

    [TestCase(0.5, 3, "500")]
    [TestCase(1.005, 3, "1005")]
    [TestCase(30, 3, "30000")]
    [TestCase(86400, 3, "86400000")]
    [TestCase(0.0005, 3, "0.5")]
    [TestCase(1e-7, 3, "0.0001")]
    [TestCase(123.456789, 3, "123456.789")]
    [TestCase(5e-324, 3, "5E-321")]
    [TestCase(1.5e20, 0, "1.5E20")]
    [TestCase(-2.5e-8, 0, "-0.000000025")]
    [TestCase(100, -3, "0.1")]
    [TestCase(0, 3, "0")]
    public void NumbersShiftTheirDecimalPointExactly(double value, int shift, string expected)
    {
        Assert.That(CSharpLiteral.Number(value, shift), Is.EqualTo(expected));
        // Binary multiplication is only close (and far off for subnormals such as 5e-324, which have few significant bits).
        if (System.Math.Abs(value) > 1e-300)
            Assert.That(double.Parse(expected, CultureInfo.InvariantCulture), Is.EqualTo(value * System.Math.Pow(10, shift)).Within(1e-9).Percent);
    }
}
