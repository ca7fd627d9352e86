using System;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ToolGen.Benchmarks;

/// <summary>
/// Runs the suites: <c>dotnet run -c Release --project benchmarks/ToolGen.Benchmarks -- --filter '*'</c>
/// (or a class name pattern). One short job per benchmark, memory diagnoser on, ratios against each suite's baseline.
/// <c>--smoke</c> runs every benchmark once in this process instead: a check that each suite's paths agree and run,
/// not a measurement.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--instructions", string suite, string path, string count])
            return InstructionCount.Run(suite, path, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
        bool smoke = args.Contains("--smoke");
        Job job = smoke
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke")
            : Job.Default.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1).WithId("Short");
        IConfig config = DefaultConfig.Instance
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(BaselineAllocationRatioColumn.RatioMean)
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. args.Where(a => a != "--smoke")], config);
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
