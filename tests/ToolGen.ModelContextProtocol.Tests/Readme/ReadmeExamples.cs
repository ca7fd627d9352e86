using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ToolGen;
using ToolGen.Running;
using ToolGen.Testing;

namespace ReadmeApp;

// The README's "In an ASP.NET Core app" and "As an MCP server" examples, compiled and run here. Each region between the
// README markers must appear in README.md verbatim (ReadmeExampleTests checks), followed there by `app.Run();`.
public static class ReadmeExamples
{
    public static WebApplication AspNetCoreApp(string[] args)
    {
        // README:aspnetcore
        var builder = WebApplication.CreateSlimBuilder(args);

        builder.Services.AddScoped<IOrderStore, SqlOrderStore>();
        builder.Services.AddToolGen()
            .AddTools<OrderTools>()                   // a new OrderTools per call, its services from the request's scope
            .AddTools(WeatherTools.Tools)             // a static class's tools
            .AddChatModelFromConfiguration();         // the "ToolGen" section: Provider, Model, ApiKey…; validated at startup

        var app = builder.Build();
        app.MapPost("/ask", async (Question question, ToolRunner runner, CancellationToken ct) =>
            (await runner.RunAsync(question.Text, ct)).Text);
        // README:end
        return app;
    }

    public static WebApplication McpServer(string[] args)
    {
        // README:mcp
        var builder = WebApplication.CreateSlimBuilder(args);

        builder.Services.AddScoped<IOrderStore, SqlOrderStore>();
        builder.Services.AddMcpServer()
            .WithHttpTransport(options => options.Stateless = true)
            .WithToolGenTools<OrderTools>()           // each call in its own scope, OrderTools created from it
            .WithToolGenTools(WeatherTools.Tools);

        var app = builder.Build();
        app.MapMcp("/mcp");
        // README:end
        return app;
    }
}

/// <summary>A question sent to /ask.</summary>
public sealed record Question(string Text);

/// <summary>Where orders are kept.</summary>
public interface IOrderStore
{
    /// <summary>The status of an order.</summary>
    string Status(string orderId);
}

/// <summary>An order store (in memory here).</summary>
public sealed class SqlOrderStore : IOrderStore
{
    private static readonly ConcurrentDictionary<string, string> s_orders = new() { ["42"] = "shipped" };

    /// <inheritdoc/>
    public string Status(string orderId) => s_orders.TryGetValue(orderId, out string? status) ? status : "unknown";
}

/// <summary>Order tools with a store from the request's services.</summary>
public sealed partial class OrderTools(IOrderStore store)
{
    /// <summary>Tells the shipping status of an order: shipped, pending or unknown.</summary>
    /// <param name="orderId">The order number printed on the receipt, for example "42".</param>
    [Tool(ReadOnly = true)]
    public string OrderStatus(string orderId) => store.Status(orderId);
}

/// <summary>Weather tools.</summary>
public static partial class WeatherTools
{
    /// <summary>Gets the current temperature in a city, in degrees Celsius.</summary>
    /// <param name="city">City name, for example "Paris".</param>
    [Tool(ReadOnly = true)]
    public static double GetTemperature(string city) => city.Length * 1.5;
}
