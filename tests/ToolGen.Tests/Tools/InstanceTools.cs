using System.Threading.Tasks;

namespace ToolGen.Tests.Tools;

/// <summary>Instance tools with their own state, plus one static tool.</summary>
public sealed partial class CounterTools(int start)
{
    private int _value = start;

    /// <summary>Adds to the counter and returns the new value.</summary>
    /// <param name="by">How much to add; may be negative.</param>
    [Tool]
    public int Increment(int by = 1) => _value += by;

    /// <summary>Reads the counter.</summary>
    [Tool(ReadOnly = true)]
    public Task<int> ReadAsync() => Task.FromResult(_value);

    /// <summary>Tells what the counter tools are for.</summary>
    [Tool(ReadOnly = true)]
    public static string Describe() => "A counter.";
}

/// <summary>A non-static class whose tools are all static: it implements <see cref="IStaticToolProvider"/>.</summary>
public partial class Clock
{
    /// <summary>Gets the current year of the test clock.</summary>
    [Tool(ReadOnly = true)]
    public static int CurrentYear() => 2026;
}

/// <summary>Nested tool containers.</summary>
public static partial class Outer
{
    /// <summary>A tool container nested in another type.</summary>
    public partial class Inner
    {
        /// <summary>Greets a person by name.</summary>
        /// <param name="name">The person's first name.</param>
        [Tool]
        public static string Greet(string name) => "Hello, " + name + "!";
    }
}
