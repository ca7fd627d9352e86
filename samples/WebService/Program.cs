using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ToolGen.Hosting;
using WebService.Api;
using WebService.Auth;
using WebService.Data;
using WebService.Models;
using WebService.Tools;

namespace WebService;

/// <summary>The order desk web service: see README.md.</summary>
public static class Program
{
    /// <summary>The largest request body accepted, in bytes.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Starts the service; it runs until stopped.</summary>
    public static async Task<int> Main(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", MaxRequestBodyBytes));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WebJsonContext.Api));

        // Authentication on every endpoint, MCP included: a bearer-token scheme from configuration (swap in JWT bearer:
        // see README.md), and a fallback policy that requires an authenticated caller wherever an endpoint says nothing else.
        var tokens = new TokenAuthenticationOptions();
        tokens.AddTokens(builder.Configuration);
        if (tokens.Count == 0) throw new InvalidOperationException("No tokens are configured under Authentication:Tokens (user name → token); every request would be refused.");
        builder.Services.AddAuthentication(TokenAuthenticationOptions.Scheme)
            .AddScheme<TokenAuthenticationOptions, TokenAuthenticationHandler>(TokenAuthenticationOptions.Scheme, options => options.AddTokens(builder.Configuration));
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(TokenAuthenticationOptions.Scheme).RequireAuthenticatedUser().Build());

        // Storage: SQLite, the file created on first start.
        string connectionString = builder.Configuration.GetConnectionString("Conversations") is { Length: > 0 } configured
            ? configured
            : $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "conversations.db")}";
        var database = new Database(connectionString);
        database.Initialize();
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new ConversationStore(services.GetRequiredService<Database>(), services.GetRequiredService<TimeProvider>())
        {
            LeaseDuration = TimeSpan.FromSeconds(builder.Configuration.GetValue("Conversations:LeaseSeconds", 300)),
        });

        // The tools' services, per request (and per MCP call): the order store, and the caller from the request's user.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IOrderStore, SqliteOrderStore>();
        builder.Services.AddScoped(services => new Caller(
            services.GetRequiredService<IHttpContextAccessor>().HttpContext?.User.Identity?.Name is { Length: > 0 } name
                ? name
                : throw new InvalidOperationException("A tool ran outside an authenticated request.")));

        // ToolGen: OrderDesk's tools created per call from the call's scope (ToolsFromServices), a scoped ToolRunner, and the
        // model from the "ToolGen" section, or the offline rules while that section names no provider.
        builder.Services.AddToolGen()
            .AddTools<OrderDesk>()
            .AddChatModelFromConfiguration(_ => new OfflineOrderModel())
            .ConfigureRunner(options => options with { MaxRounds = 5, ToolTimeout = TimeSpan.FromSeconds(30) });

        // The same tools over MCP (streamable HTTP, stateless), behind the same authentication.
        builder.Services.AddMcpServer()
            .WithHttpTransport(http => http.Stateless = true)
            .WithToolGenTools();

        WebApplication app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception exception) when (!context.Response.HasStarted)
            {
                app.Logger.LogError(exception, "Unhandled error in {Path}", context.Request.Path);
                await ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "The service failed; nothing was changed by this request unless a tool said so.");
            }
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapConversations();
        app.MapMcp("/mcp").RequireAuthorization();

        await app.StartAsync();
        ToolGenModelOptions model = app.Services.GetRequiredService<IOptions<ToolGenModelOptions>>().Value;
        foreach (string address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            Console.WriteLine($"WebService listening on {address}");
        Console.WriteLine($"WebService database {database.DataSource}, model {(model.IsConfigured ? $"{model.Provider} {model.Model}" : "offline rules (no network)")}, MCP at /mcp");
        Console.Out.Flush();
        await app.WaitForShutdownAsync();
        return 0;
    }
}
