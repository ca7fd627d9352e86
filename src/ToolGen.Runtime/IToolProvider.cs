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
