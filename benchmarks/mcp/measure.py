#!/usr/bin/env python3
"""Measures two published MCP servers side by side, in one run: binary size, process start to the first tools/call
answer, and tools/call throughput over HTTP loopback (one keep-alive connection, sequential calls). Runs alternate
between the servers so that the shared machine's noise falls on both; the report gives medians and ratios.

usage: measure.py NAME=COMMAND_TEMPLATE NAME=COMMAND_TEMPLATE [--starts N] [--seconds S]
A command template is a shell command with {port} where the server's loopback port goes; the first server is the
one measured, the second the baseline."""
import http.client, json, os, shlex, socket, statistics, subprocess, sys, time

CALL = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
                   "params": {"name": "get_weather", "arguments": {"city": "Paris"}}}).encode()
HEADERS = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
           "MCP-Protocol-Version": "2025-06-18"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(connection):
    connection.request("POST", "/mcp", CALL, HEADERS)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200 or b'"result"' not in body or b"Paris" not in body:
        raise RuntimeError(f"unexpected answer {response.status}: {body[:300]!r}")


def start(template):
    port = free_port()
    command = template.format(port=port)
    process = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return process, port


def stop(process):
    process.kill()
    process.wait()


def time_to_first_answer(template):
    began = time.perf_counter()
    process, port = start(template)
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{template} exited with {process.returncode}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                call(connection)
                return time.perf_counter() - began
            except (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected, OSError):
                time.sleep(0.002)
    finally:
        stop(process)


def throughput(template, seconds):
    process, port = start(template)
    try:
        deadline = time.perf_counter() + 30
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                call(connection)
                break
            except OSError:
                if time.perf_counter() > deadline:
                    raise
                time.sleep(0.01)
        for _ in range(200):   # warm-up: JIT-free, but caches and connection pools still settle
            call(connection)
        count, began = 0, time.perf_counter()
        while time.perf_counter() - began < seconds:
            call(connection)
            count += 1
        return count / (time.perf_counter() - began)
    finally:
        stop(process)


def main():
    servers = [a.split("=", 1) for a in sys.argv[1:] if "=" in a and not a.startswith("--")]
    starts = int(next((a.split("=")[1] for a in sys.argv if a.startswith("--starts=")), "15"))
    seconds = float(next((a.split("=")[1] for a in sys.argv if a.startswith("--seconds=")), "5"))
    (name, template), (base_name, base_template) = servers
    start_times = {name: [], base_name: []}
    rates = {name: [], base_name: []}
    for _ in range(starts):
        for n, t in ((name, template), (base_name, base_template)):
            start_times[n].append(time_to_first_answer(t))
    for _ in range(3):
        for n, t in ((name, template), (base_name, base_template)):
            rates[n].append(throughput(t, seconds))
    print(f"| Server | Start to first tools/call answer (median of {starts}) | tools/call per second (median of 3 × {seconds:g} s) |")
    print("|---|---:|---:|")
    for n in (name, base_name):
        print(f"| {n} | {statistics.median(start_times[n]) * 1000:.1f} ms | {statistics.median(rates[n]):,.0f} |")
    print()
    print(f"start ratio {statistics.median(start_times[name]) / statistics.median(start_times[base_name]):.2f}, "
          f"throughput ratio {statistics.median(rates[name]) / statistics.median(rates[base_name]):.2f}")


if __name__ == "__main__":
    main()
