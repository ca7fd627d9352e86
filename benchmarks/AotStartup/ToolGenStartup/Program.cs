using System;
using System.Diagnostics;
using ToolGen;
using ToolGen.Benchmarks.Tools;

// Startup to first dispatch: define the tool, print its schema's size, run one call, print the result and the time
// from Main to the result. The process then exits; aot-startup.sh times the whole process from outside as well.
long started = Stopwatch.GetTimestamp();
ToolSet tools = new WeatherTools().Tools;
ToolResult result = await tools.InvokeAsync("get_weather", """{"city":"Paris","unit":"Fahrenheit"}""");
TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
Console.WriteLine($"schema {tools[0].ParametersSchema.Length} bytes; {result.Content}");
Console.WriteLine($"main-to-result-us {elapsed.TotalMicroseconds:F0}");
return result.IsError ? 1 : 0;
