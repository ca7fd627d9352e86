using System.Collections.Generic;
using System.Threading;

namespace ToolGen.Tests.Tools;

/// <summary>Records what tool methods received, per test (async-flow local).</summary>
public static class CallLog
{
    private static readonly AsyncLocal<List<string>?> s_calls = new();

    public static List<string> Calls => s_calls.Value ??= [];

    public static void Reset() => s_calls.Value = [];

    public static void Record(string call) => Calls.Add(call);
}
