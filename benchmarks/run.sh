#!/usr/bin/env bash
# The whole benchmark suite: the BenchmarkDotNet suites (dispatch, definition, loop, generator), then the NativeAOT
# size/startup comparison. Takes about 10 minutes; run it on a quiet machine. Extra arguments go to BenchmarkDotNet,
# e.g. `bash benchmarks/run.sh --filter '*Dispatch*'` (the AOT comparison then still runs).
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--filter '*')
dotnet run -c Release --project benchmarks/ToolGen.Benchmarks -- "${args[@]}"
bash benchmarks/aot-startup.sh
