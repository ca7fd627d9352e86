namespace ToolGen;

/// <summary>
/// A type whose instances provide tools. The generator implements it on every partial type that declares at least one
/// instance <see cref="ToolAttribute">[Tool]</see> method.
/// </summary>
public interface IToolProvider
{
    /// <summary>The tools of this instance.</summary>
    ToolSet Tools { get; }
}

/// <summary>
/// A non-static type whose tools are all static. The generator implements it so that <see cref="ToolSet.From{T}"/> works
/// without reflection. (A <c>static</c> class cannot implement an interface; use its generated static <c>Tools</c> property.)
/// </summary>
public interface IStaticToolProvider
{
    /// <summary>The tools declared by the type.</summary>
    static abstract ToolSet Tools { get; }
}

/// <summary>
/// A type whose tools a host can serve from dependency injection. The generator implements it on every non-static
/// partial type with <see cref="ToolAttribute">[Tool]</see> methods: for instance tools, each call creates the type
/// through a generated factory that takes its constructor's arguments from the call's services
/// (<see cref="ToolContext.Services"/>), written out at compile time rather than discovered at run time.
/// </summary>
public interface IServiceToolProvider
{
    /// <summary>
    /// The type's tools, each call made on an instance created from the call's services (static tools are called as they
    /// are). A service the type needs and the call's provider lacks makes the call's result <see cref="ToolResultKind.Failed"/>,
    /// naming the service.
    /// </summary>
    static abstract ToolSet ToolsFromServices { get; }
}
