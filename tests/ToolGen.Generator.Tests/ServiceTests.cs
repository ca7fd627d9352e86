using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ToolGen.Generator.Analyzers;

namespace ToolGen.Generator.Tests;

/// <summary>
/// Services in tools: <c>[FromServices]</c>, <c>[FromKeyedServices]</c> and <c>IServiceProvider</c> parameters leave the
/// schema and are taken from the call's services; instance tool types get a generated factory (<c>ToolsFromServices</c>);
/// TG0009 says "add [FromServices]" for a type that is clearly a service; TG0021 warns about [FromServices] on a value.
/// </summary>
public sealed class ServiceTests
{
    // What Microsoft.Extensions.DependencyInjection.Abstractions declares, so the test needs no package.
    private const string KeyedServices = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            [System.AttributeUsage(System.AttributeTargets.Parameter)]
            public sealed class FromKeyedServicesAttribute(object? key) : System.Attribute { public object? Key { get; } = key; }
            public interface IKeyedServiceProvider : System.IServiceProvider
            {
                object? GetKeyedService(System.Type serviceType, object? serviceKey);
            }
            [System.AttributeUsage(System.AttributeTargets.Constructor)]
            public sealed class ActivatorUtilitiesConstructorAttribute : System.Attribute { }
        }
        """;

    private const string Desk = """
        using System;
        using System.Threading;
        using Microsoft.Extensions.DependencyInjection;
        using ToolGen;

        namespace MyApp.Shop
        {
            /// <summary>Where orders are kept.</summary>
            public interface IOrderStore { /// <summary>Status.</summary>
            string Status(int id); }

            /// <summary>The time.</summary>
            public interface IClock { /// <summary>Now.</summary>
            DateTimeOffset Now { get; } }

            /// <summary>An audit log.</summary>
            public interface IAuditLog { /// <summary>Writes.</summary>
            void Write(string line); }

            /// <summary>The shop's order desk.</summary>
            public sealed partial class OrderDesk(IOrderStore store, IClock? clock = null) : IDisposable
            {
                /// <summary>Tells the shipping status of an order: pending, shipped or delivered.</summary>
                /// <param name="orderId">The order number printed on the receipt.</param>
                [Tool(ReadOnly = true, Title = "Order status")]
                public string OrderStatus(int orderId, [FromServices] IClock now, [FromKeyedServices("audit")] IAuditLog? log, IServiceProvider services, CancellationToken cancellationToken)
                {
                    log?.Write("status " + orderId);
                    return store.Status(orderId) + " at " + (clock ?? now).Now.ToString("O");
                }

                /// <summary>Looks up a public tracking page for a parcel on the carrier's web site.</summary>
                /// <param name="parcel">The carrier's parcel number.</param>
                [Tool(OpenWorld = true)]
                public static string Track(string parcel) => "https://carrier.example/" + parcel;

                /// <summary>Ends the desk's work.</summary>
                public void Dispose() { }
            }
        }
        """;

    [Test]
    public void ServicesLeaveTheSchemaAndAFactoryCreatesTheType()
    {
        GeneratorRun run = GeneratorHarness.Run([Desk, KeyedServices]);
        string generated = run.Sources["MyApp.Shop.OrderDesk.ToolGen.g.cs"];
        Snapshot.Match(generated, "OrderDesk");
        Assert.That(generated, Does.Contain("""{"type":"object","properties":{"orderId":"""));
        Assert.That(generated, Does.Not.Contain("\"now\"").And.Not.Contain("\"log\"").And.Not.Contain("\"services\""));
    }

    [Test]
    public void ATypeWithSeveralConstructorsGetsNoFactoryUnlessOneIsMarked()
    {
        const string source = """
            using Microsoft.Extensions.DependencyInjection;
            using ToolGen;

            /// <summary>Names things.</summary>
            public interface INamer { /// <summary>A name.</summary>
            string Name { get; } }

            /// <summary>Tools.</summary>
            public sealed partial class Desk
            {
                private readonly string _name;
                /// <summary>One.</summary>
                public Desk() { _name = "desk"; }
                /// <summary>Two.</summary>
                [ActivatorUtilitiesConstructor]
                public Desk(INamer namer) { _name = namer.Name; }

                /// <summary>Says the desk's name, as printed on its sign.</summary>
                [Tool]
                public string Name() => _name;
            }

            /// <summary>Tools.</summary>
            public sealed partial class Counter
            {
                /// <summary>One.</summary>
                public Counter() { }
                /// <summary>Two.</summary>
                public Counter(int start) { Value = start; }
                private int Value { get; }

                /// <summary>Says the counter's value, a whole number.</summary>
                [Tool]
                public int Read() => Value;
            }
            """;
        GeneratorRun run = GeneratorHarness.Run([source, KeyedServices]);
        Assert.That(run.Sources["Desk.ToolGen.g.cs"], Does.Contain("ToolsFromServices").And.Contain("new global::Desk(namer)"));
        Assert.That(run.Sources["Counter.ToolGen.g.cs"], Does.Not.Contain("ToolsFromServices").And.Not.Contain("IServiceToolProvider"));
    }

    [Test]
    public async Task AnInterfaceParameterIsTakenForAServiceInTG0009()
    {
        Diagnostic[] diagnostics = await Analyze("""
            /// <summary>Tells the shipping status of an order: pending, shipped or delivered.</summary>
            /// <param name="orderId">The order number printed on the receipt.</param>
            [Tool]
            public static string OrderStatus(int orderId, IOrderStore store) => "";
            """);
        Diagnostic error = diagnostics.Single(d => d.Id == "TG0009");
        Assert.That(error.GetMessage(CultureInfo.InvariantCulture), Is.EqualTo(
            "Tool 'order_status' cannot use the parameter 'store' of type IOrderStore as an argument: it looks like a service; add [FromServices] to have it from the call's services, or use a class, record or struct the model can send"));
    }

    [TestCase("[FromServices] string region", "FromServices", "string")]
    [TestCase("[FromServices] int[] ids", "FromServices", "int[]")]
    [TestCase("[FromKeyedServices(\"x\")] DayOfWeek day", "FromKeyedServices", "DayOfWeek")]
    [TestCase("[FromServices] Guid? id", "FromServices", "Guid?")]
    public async Task AValueMarkedAsAServiceIsTG0021(string parameter, string attribute, string type)
    {
        Diagnostic[] diagnostics = await Analyze($$"""
            /// <summary>Tells the shipping status of an order: pending, shipped or delivered.</summary>
            /// <param name="orderId">The order number printed on the receipt.</param>
            [Tool]
            public static string OrderStatus(int orderId, {{parameter}}) => "";
            """);
        Diagnostic warning = diagnostics.Single(d => d.Id == "TG0021");
        string name = parameter.Split(' ').Last();
        Assert.That(warning.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(warning.GetMessage(CultureInfo.InvariantCulture), Is.EqualTo(
            $"Parameter '{name}' of tool 'order_status' is marked [{attribute}], but {type} is a value a model sends, not a service a host registers; remove the attribute to let the model supply it"));
    }

    [Test]
    public async Task ServicesNeedNoDescription()
    {
        Diagnostic[] diagnostics = await Analyze("""
            /// <summary>Tells the shipping status of an order: pending, shipped or delivered.</summary>
            /// <param name="orderId">The order number printed on the receipt.</param>
            [Tool]
            public static string OrderStatus(int orderId, [FromServices] IOrderStore store, IServiceProvider services) => "";
            """);
        Assert.That(diagnostics, Is.Empty);
    }

    private static async Task<Diagnostic[]> Analyze(string members)
    {
        string source = $$"""
            using System;
            using Microsoft.Extensions.DependencyInjection;
            using ToolGen;

            /// <summary>Where orders are kept.</summary>
            public interface IOrderStore { }

            /// <summary>Order tools.</summary>
            public static partial class OrderTools
            {
            {{members}}
            }
            """;
        Compilation compilation = GeneratorHarness.Compilation([source, KeyedServices]);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([new ToolAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics];
    }
}
