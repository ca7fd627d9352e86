#!/usr/bin/env bash
# Instructions per dispatch, counted by valgrind (callgrind) rather than timed: steady on a shared machine. For each
# suite and path it runs the benchmark app twice under valgrind, with N and with 2N calls after the same warm-up, and
# reports (Ir(2N) - Ir(N)) / N, which cancels start-up, JIT and warm-up. Takes a few minutes.
# Usage: bash benchmarks/instructions.sh [N]   (default N = 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
dotnet build benchmarks/ToolGen.Benchmarks -c Release > /dev/null
app="benchmarks/ToolGen.Benchmarks/bin/Release/net10.0/ToolGen.Benchmarks.dll"
export DOTNET_TieredCompilation=0 DOTNET_ReadyToRun=0 DOTNET_TieredPGO=0 DOTNET_gcServer=0
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null dotnet "$app" --instructions "$1" "$2" "$3" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf "%-8s %-13s %14s\n" suite path "instructions/call"
for suite in weather order; do
  declare -A per
  for path in hand-written toolgen; do
    a=$(count "$suite" "$path" "$n"); b=$(count "$suite" "$path" $((2 * n)))
    per[$path]=$(( (b - a) / n ))
    printf "%-8s %-13s %14s\n" "$suite" "$path" "${per[$path]}"
  done
  python3 -c "print(f'{\"$suite\":8} ratio         {${per[toolgen]} / ${per[hand-written]}:14.3f}')"
  unset per
done
