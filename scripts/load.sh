#!/usr/bin/env bash
# Load benchmark (issue 23, "Many users at once"): publishes IcaKms.Web in Release, runs it on 127.0.0.1 against a
# loopback fake AWS (a delay on every answer), and drives N simultaneous sessions over the Blazor protocol, each with its
# own credentials, bucket and key: open, connect, inspect, plan and apply. Prints throughput, p50/p95/p99 per action,
# errors, server memory and thread pool, for a single-user baseline and each N, and the ratios to the single user.
# Arguments go to the benchmark (benchmarks/IcaKms.Circuits/LoadOptions.cs), e.g.
#   scripts/load.sh                                   # baseline, N = 10, 50, 200
#   scripts/load.sh --users 50 --stalled 50           # and 50 sessions against stalled AWS bodies (thread pool)
#   scripts/load.sh --users "" --shed 50              # only the rate-limited run
# Everything it starts stops by itself.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d -t icakms-load.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "publishing IcaKms.Web (Release) into $work"
dotnet publish src/IcaKms.Web/IcaKms.Web.csproj -c Release -o "$work/icakms" --nologo -v quiet </dev/null >"$work/publish-icakms.log" \
    || { cat "$work/publish-icakms.log"; exit 1; }
dotnet build benchmarks/IcaKms.Circuits/IcaKms.Circuits.csproj -c Release --nologo -v quiet </dev/null >"$work/build-bench.log" \
    || { cat "$work/build-bench.log"; exit 1; }

echo "uptime before: $(uptime)"
dotnet benchmarks/IcaKms.Circuits/bin/Release/net10.0/IcaKms.Circuits.dll load --icakms "$work/icakms/IcaKms.Web.dll" "$@" </dev/null
