using ToolGen.Generator.Helpers;
using ToolGen.Generator.Model;

namespace ToolGen.Generator.Emitters;

/// <summary>
/// Emits what takes a service from the call's <c>ToolContext.Services</c>: one statement per service, reading like
/// hand-written code — <c>if (context?.Services?.GetService(typeof(IOrderStore)) is not IOrderStore store) return …;</c>.
/// No reflection: the provider is asked for a type it already knows.
/// </summary>
internal static class ServiceEmitter
{
    private const string Services = "global::ToolGen.Serialization.ToolServices";

    /// <summary>
    /// Declares <paramref name="local"/> from the call's services (the method has a <c>ToolContext? context</c>). A required
    /// service the call lacks returns the tool's <c>Failed</c> result naming it; an optional one is null.
    /// </summary>
    /// <param name="toolName">The tool's name as a C# expression (a literal, or a parameter holding it).</param>
    public static void EmitResolve(SourceWriter w, ServiceSpec service, string local, string toolName)
    {
        string lookup = service.Source switch
        {
            ServiceSource.Provider => "context?.Services",
            ServiceSource.KeyedType => $"(context?.Services as global::Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider)?.GetKeyedService(typeof({service.TypeName}), {service.KeyExpression})",
            _ => $"context?.Services?.GetService(typeof({service.TypeName}))",
        };
        if (service.IsOptional)
        {
            w.Line(service.Source == ServiceSource.Provider
                ? $"{service.TypeName}? {local} = {lookup};"
                : $"{service.TypeName}? {local} = ({service.TypeName}?){lookup};");
            return;
        }
        w.Line($"if ({lookup} is not {service.TypeName} {local}) return new({Services}.Missing({toolName}, {CSharpLiteral.String(service.DisplayName)}, context));");
    }
}
