using System;
using System.Diagnostics;
using System.Threading.Tasks;

// The floor: start, await a completed task, print two lines, exit.
long started = Stopwatch.GetTimestamp();
await Task.CompletedTask;
TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
Console.WriteLine("no tool");
Console.WriteLine($"main-to-result-us {elapsed.TotalMicroseconds:F0}");
return 0;
