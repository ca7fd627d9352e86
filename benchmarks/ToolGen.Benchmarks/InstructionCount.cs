using System;
using System.Runtime.CompilerServices;

namespace ToolGen.Benchmarks;

/// <summary>
/// <c>--instructions SUITE PATH COUNT</c>: runs one dispatch path COUNT times after its setup, and nothing else, so that
/// <c>benchmarks/instructions.sh</c> can count the instructions it executes under valgrind. Instruction counts do not
/// depend on what else the machine is doing, which makes them a steadier comparison than time on a shared machine
/// (though not a substitute for it: cache misses and branch mispredictions cost time without instructions).
/// </summary>
public static class InstructionCount
{
    public static int Run(string suite, string path, int count)
    {
        Func<string> call = (suite, path) switch
        {
            ("weather", "hand-written") => Setup(new WeatherDispatchBenchmarks()).HandWrittenCall,
            ("weather", "toolgen") => Setup(new WeatherDispatchBenchmarks()).ToolGenCall,
            // The layers under ToolSet.InvokeAsync, to see what each costs.
            ("weather", "descriptor") => DescriptorCall(Setup(new WeatherDispatchBenchmarks())),
            ("weather", "bytes") => BytesCall(Setup(new WeatherDispatchBenchmarks())),
            ("order", "hand-written") => Setup(new OrderDispatchBenchmarks()).HandWrittenCall,
            ("order", "toolgen") => Setup(new OrderDispatchBenchmarks()).ToolGenCall,
            _ => throw new ArgumentException($"Unknown suite or path: {suite} {path}. Use weather|order and hand-written|toolgen."),
        };
        // Warm up (instructions.sh also turns tiered compilation off, so every method is fully optimized from the start).
        for (int i = 0; i < 2_000; i++) Consume(call());
        for (int i = 0; i < count; i++) Consume(call());
        return 0;
    }

    private static Func<string> DescriptorCall(WeatherDispatchBenchmarks suite)
    {
        ToolDescriptor tool = suite.ToolSet["get_weather"];
        return () => tool.InvokeAsync(WeatherDispatchBenchmarks.Arguments).Result.Content;
    }

    private static Func<string> BytesCall(WeatherDispatchBenchmarks suite)
    {
        ToolDescriptor tool = suite.ToolSet["get_weather"];
        byte[] arguments = System.Text.Encoding.UTF8.GetBytes(WeatherDispatchBenchmarks.Arguments);
        return () => tool.InvokeAsync(arguments).Result.Content;
    }

    private static WeatherDispatchBenchmarks Setup(WeatherDispatchBenchmarks suite)
    {
        suite.GlobalSetup();
        return suite;
    }

    private static OrderDispatchBenchmarks Setup(OrderDispatchBenchmarks suite)
    {
        suite.GlobalSetup();
        return suite;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Consume(string value) => GC.KeepAlive(value);
}
