using System;

namespace ToolGen;

/// <summary>
/// Binds a tool parameter to a service from the call's <see cref="ToolContext.Services"/> instead of the model's
/// arguments: the parameter is not in the schema and the model never sees it. The generated code asks the provider with
/// <c>GetService(typeof(T))</c> — no reflection. A required service the provider lacks makes the call's result
/// <see cref="ToolResultKind.Failed"/>, naming the service; a parameter with a default value or a nullable type gets
/// <see langword="null"/> instead.
/// </summary>
/// <remarks>
/// ASP.NET Core's <c>[FromServices]</c> and Microsoft.Extensions.DependencyInjection's <c>[FromKeyedServices(key)]</c>
/// work the same way. A parameter of type <see cref="IServiceProvider"/> gets the call's provider without an attribute.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromServicesAttribute : Attribute
{
}
