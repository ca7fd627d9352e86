#!/usr/bin/env bash
# NativeAOT comparison: publishes ToolGenStartup and ExtensionsAIStartup (the same one-call process written with
# ToolGen and with Microsoft.Extensions.AI's AIFunctionFactory), then reports binary size, trim/AOT warnings, and the
# time from process start to the first dispatch's result (whole-process wall time, and Main-to-result inside it),
# as medians over RUNS runs (default 30), alternating the apps so machine noise hits them alike. EmptyStartup, a
# process with no tool at all, shows the floor that process start and runtime initialization cost by themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-30}"
out="${AOT_STARTUP_OUT:-$PWD/BenchmarkDotNet.Artifacts/aot-startup}"
rid="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
mkdir -p "$out"

for app in ToolGenStartup ExtensionsAIStartup EmptyStartup; do
  echo "publishing $app ($rid)..."
  dotnet publish "benchmarks/AotStartup/$app" -c Release -r "$rid" -o "$out/$app" > "$out/$app.publish.txt" 2>&1 \
    || { tail -n 30 "$out/$app.publish.txt"; exit 1; }
done

python3 - "$out" "$runs" <<'PY'
import os, re, statistics, subprocess, sys, time
out, runs = sys.argv[1], int(sys.argv[2])
apps = ["ToolGenStartup", "ExtensionsAIStartup", "EmptyStartup"]
wall = {a: [] for a in apps}
inner = {a: [] for a in apps}
for _ in range(runs):
    for app in apps:
        start = time.perf_counter()
        result = subprocess.run([os.path.join(out, app, app)], capture_output=True, text=True, check=True)
        wall[app].append((time.perf_counter() - start) * 1000)
        inner[app].append(int(re.search(r"main-to-result-us (\d+)", result.stdout).group(1)) / 1000)
        first_line = result.stdout.splitlines()[0]
def warnings(app):
    text = open(os.path.join(out, app + ".publish.txt")).read()
    return len(set(re.findall(r"warning (IL[23]\d{3}).*", text)))
def warning_lines(app):
    text = open(os.path.join(out, app + ".publish.txt")).read()
    return sorted(set(m.group(0) for m in re.finditer(r"warning IL[23]\d{3}[^\[]*", text)))
rows = []
for app in apps:
    size = os.path.getsize(os.path.join(out, app, app))
    rows.append((app, size, warnings(app), statistics.median(wall[app]), statistics.median(inner[app])))
print()
print(f"{runs} runs each, medians")
print()
print("| App | Binary size | Trim/AOT warnings | Process start → first result (wall) | Main → first result |")
print("|---|---:|---:|---:|---:|")
for app, size, warns, w, i in rows:
    print(f"| {app} | {size / 1024 / 1024:.2f} MB | {warns} | {w:.1f} ms | {i:.2f} ms |")
t, m, e = rows
print()
print(f"ratios ToolGen / M.E.AI: size {t[1] / m[1]:.2f}, wall {t[3] / m[3]:.2f}, main-to-result {t[4] / m[4]:.3f}, "
      f"wall above the empty process {(t[3] - e[3]) / (m[3] - e[3]):.2f}")
for app in apps:
    for line in warning_lines(app):
        print(f"{app}: {line.strip()}")
PY
