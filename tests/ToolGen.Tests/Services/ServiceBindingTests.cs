using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using ToolGen.Chat;
using ToolGen.Running;
using ToolGen.Testing;
using ToolGen.Tests.Tools;

namespace ToolGen.Tests.Services;

/// <summary>
/// Tools that take services, compiled by the generator and called with a real Microsoft.Extensions.DependencyInjection
/// container: [FromServices], [FromKeyedServices] and IServiceProvider parameters, tool types created per call from their
/// constructor's services and disposed after it, and a missing service as a Failed result naming it.
/// </summary>
public sealed class ServiceBindingTests
{
    private static readonly DateTimeOffset s_noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static ServiceProvider Services(Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddScoped<IOrderStore, MemoryOrderStore>();
        services.AddSingleton<IClock>(new FixedClock(s_noon));
        services.AddSingleton<AuditLog>();
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Test]
    public void ServicesAreNotInTheSchema()
    {
        string schema = Encoding.UTF8.GetString(OrderDesk.ToolsFromServices["order_status"].ParametersSchema.Span);
        Assert.That(schema, Is.EqualTo("""{"type":"object","properties":{"orderId":{"description":"The order number printed on the receipt.","type":"integer"}},"required":["orderId"],"additionalProperties":false}"""));
        Assert.That(OrderDesk.ToolsFromServices["order_status"].Title, Is.EqualTo("Order status"));
        Assert.That(ClockTools.Tools["time_in"].ParametersSchema.Span.IndexOf("clock"u8), Is.EqualTo(-1));
    }

    [Test]
    public async Task EachCallCreatesTheTypeFromItsScopeAndDisposesIt()
    {
        using ServiceProvider root = Services();
        int created = OrderDesk.Created, disposed = OrderDesk.Disposed;
        using IServiceScope scope = root.CreateScope();
        var context = new ToolContext { Services = scope.ServiceProvider };

        ToolResult first = await OrderDesk.ToolsFromServices.InvokeAsync("order_status", """{"orderId":42}""", context);
        ToolResult second = await OrderDesk.ToolsFromServices.InvokeAsync("order_status", """{"orderId":7}""", context);

        Assert.That(first.Kind, Is.EqualTo(ToolResultKind.Success), first.Content);
        int store = ((MemoryOrderStore)scope.ServiceProvider.GetRequiredService<IOrderStore>()).Number;
        Assert.That(first.Content, Is.EqualTo($"shipped at 12:00 (store {store}, provider same)"));
        Assert.That(second.Content, Is.EqualTo($"pending at 12:00 (store {store}, provider same)"), "one scope, one store: the scoped service is shared by its calls");
        Assert.That(OrderDesk.Created - created, Is.EqualTo(2), "a desk per call");
        Assert.That(OrderDesk.Disposed - disposed, Is.EqualTo(2), "each disposed when its call ended");
        Assert.That(root.GetRequiredService<AuditLog>().Lines, Has.Count.EqualTo(2), "the optional constructor service was given");
    }

    [Test]
    public async Task ScopesGetTheirOwnServices()
    {
        using ServiceProvider root = Services();
        string[] answers = new string[2];
        for (int i = 0; i < 2; i++)
        {
            using IServiceScope scope = root.CreateScope();
            answers[i] = (await OrderDesk.ToolsFromServices.InvokeAsync("order_status", """{"orderId":42}""", new ToolContext { Services = scope.ServiceProvider })).Content;
        }
        Assert.That(answers[0], Is.Not.EqualTo(answers[1]), "another scope, another store");
    }

    [Test]
    public async Task AKeyedServiceIsUsedWhenRegisteredAndNullWhenNot()
    {
        using ServiceProvider root = Services(s => s.AddKeyedSingleton<IClock>("night", new FixedClock(s_noon.AddHours(11))));
        using IServiceScope scope = root.CreateScope();
        ToolResult result = await OrderDesk.ToolsFromServices.InvokeAsync("order_status", """{"orderId":42}""", new ToolContext { Services = scope.ServiceProvider });
        Assert.That(result.Content, Does.StartWith("shipped at 23:00"));
    }

    [Test]
    public async Task AMissingConstructorServiceIsAFailedResultNamingIt()
    {
        using ServiceProvider root = new ServiceCollection().AddSingleton<IClock>(new FixedClock(s_noon)).BuildServiceProvider();
        int created = OrderDesk.Created;
        ToolResult result = await OrderDesk.ToolsFromServices.InvokeAsync("order_status", """{"orderId":42}""", new ToolContext { Services = root });
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Failed));
        Assert.That(result.Content, Is.EqualTo("Tool order_status cannot run: the service ToolGen.Tests.Tools.IOrderStore is not registered with the call's services."));
        Assert.That(OrderDesk.Created, Is.EqualTo(created), "no desk was made");
    }

    [Test]
    public async Task AMissingParameterServiceIsAFailedResultAfterTheArgumentsAreChecked()
    {
        using ServiceProvider root = new ServiceCollection().BuildServiceProvider();
        var context = new ToolContext { Services = root };
        ToolResult wrong = await ClockTools.Tools.InvokeAsync("time_in", """{"city":3}""", context);
        Assert.That(wrong.Kind, Is.EqualTo(ToolResultKind.InvalidArguments), "the model's mistake first");
        ToolResult missing = await ClockTools.Tools.InvokeAsync("time_in", """{"city":"Paris"}""", context);
        Assert.That(missing.Kind, Is.EqualTo(ToolResultKind.Failed));
        Assert.That(missing.Content, Is.EqualTo("Tool time_in cannot run: the service ToolGen.Tests.Tools.IClock is not registered with the call's services."));
    }

    [Test]
    public async Task ACallWithoutServicesSaysSo()
    {
        ToolResult result = await ClockTools.Tools.InvokeAsync("time_in", """{"city":"Paris"}""");
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Failed));
        Assert.That(result.Content, Does.StartWith("Tool time_in cannot run: it needs the service ToolGen.Tests.Tools.IClock, but the call was given no services"));
    }

    [Test]
    public async Task AnInstanceMadeByHandStillWorksWithoutAContainer()
    {
        var desk = new OrderDesk(new MemoryOrderStore());
        using ServiceProvider root = Services();
        ToolResult result = await desk.Tools.InvokeAsync("desk_number", "{}", new ToolContext { Services = root });
        Assert.That(result.Kind, Is.EqualTo(ToolResultKind.Success));
        Assert.That(await desk.Tools.InvokeAsync("desk_number", "{}"), Has.Property(nameof(ToolResult.Content)).EqualTo(result.Content), "the same desk answers");
    }

    [Test]
    public async Task AnAsyncDisposableTypeIsDisposedAfterItsCall()
    {
        using ServiceProvider root = Services();
        ToolResult result = await ReportDesk.ToolsFromServices.InvokeAsync("write_audit", """{"line":"refund 42"}""", new ToolContext { Services = root });
        Assert.That(result.Content, Is.EqualTo("written"));
        Assert.That(root.GetRequiredService<AuditLog>().Lines, Is.EqualTo(new[] { "refund 42", "report desk disposed" }));
    }

    [Test]
    public async Task TheRunnerGivesToolsTheRunsServices()
    {
        using ServiceProvider root = Services();
        using IServiceScope scope = root.CreateScope();
        var model = new ScriptedChatModel().CallTool("order_status", """{"orderId":42}""").CallTool("time_in", """{"city":"Paris"}""").Reply("Shipped.");
        var runner = new ToolRunner(model, OrderDesk.ToolsFromServices + ClockTools.Tools, new ToolRunnerOptions { Services = scope.ServiceProvider });
        ToolRunResult run = await runner.RunAsync("Where is order 42?");
        Assert.That(run.ToolCalls.Select(c => c.Result.Kind), Is.All.EqualTo(ToolResultKind.Success));
        Assert.That(run.ToolCalls[1].Result.Content, Is.EqualTo("Paris: 12:00"));
        Assert.That(run.Text, Is.EqualTo("Shipped."));
    }

    [Test]
    public void TypesFromServicesAreKnownByTheirInterface()
    {
        Assert.That(Tools<OrderDesk>().Select(t => t.Name), Is.EqualTo(new[] { "order_status", "desk_number" }));
        Assert.That(Tools<ReportDesk>().Select(t => t.Name), Is.EqualTo(new[] { "write_audit" }));

        static ToolSet Tools<T>() where T : IServiceToolProvider => T.ToolsFromServices;
    }
}
