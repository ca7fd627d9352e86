#!/usr/bin/env bash
# The MCP server benchmark (not part of CI; takes about three minutes): publishes samples/McpServer (ToolGen) and
# benchmarks/McpSdkServer (the C# MCP SDK's [McpServerTool] way) with NativeAOT, prints their sizes and IL warning
# counts, then measures both in one run with measure.py: process start to the first tools/call answer, and tools/call
# throughput over HTTP loopback. Usage: benchmarks/mcp/run.sh [--starts=N] [--seconds=S]
set -euo pipefail
cd "$(dirname "$0")/../.."
rid="linux-$(uname -m | sed "s/x86_64/x64/; s/aarch64/arm64/")"
out="$PWD/TestResults/mcpbench"
rm -rf "$out"
dotnet publish samples/McpServer -c Release -r "$rid" -o "$out/toolgen" > "$out.toolgen.log" 2>&1
dotnet publish benchmarks/McpSdkServer -c Release -r "$rid" -o "$out/sdk" > "$out.sdk.log" 2>&1
echo "| Server | NativeAOT binary | IL2xxx/IL3xxx warnings |"
echo "|---|---:|---:|"
echo "| ToolGen (samples/McpServer) | $(( $(stat -c %s "$out/toolgen/McpServer") / 1024 )) KB | $(grep -cE "warning IL[23][0-9]{3}" "$out.toolgen.log" || true) |"
echo "| C# MCP SDK [McpServerTool] | $(( $(stat -c %s "$out/sdk/McpSdkServer") / 1024 )) KB | $(grep -cE "warning IL[23][0-9]{3}" "$out.sdk.log" || true) |"
echo
# Both servers log warnings only, so neither pays for per-request log lines.
export Logging__LogLevel__Default=Warning
python3 benchmarks/mcp/measure.py \
  "ToolGen (samples/McpServer)=$out/toolgen/McpServer --http http://127.0.0.1:{port}" \
  "C# MCP SDK [McpServerTool]=$out/sdk/McpSdkServer --urls http://127.0.0.1:{port}" "$@"
