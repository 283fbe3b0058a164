#!/usr/bin/env bash
# Runs the live-inspection benchmark in Release: the full Inspection against gateways that wait a fixed latency per
# call, printing the number of calls, the sum of their latencies, the median wall time and the ratio.
# Arguments go to the benchmark, e.g. scripts/bench.sh --latency 100 --runs 30 --policies 5
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

if [ "$#" -eq 0 ]; then
    dotnet run -c Release --project benchmarks/IcaKms.Benchmarks -- --mode in-memory </dev/null
    dotnet run -c Release --project benchmarks/IcaKms.Benchmarks --no-build -- --mode loopback </dev/null
else
    dotnet run -c Release --project benchmarks/IcaKms.Benchmarks -- "$@" </dev/null
fi
