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

# shellcheck source=lib/publish.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/publish.sh" load

echo "publishing IcaKms.Web (Release) into $work"
publish_icakms
build_benchmark

echo "uptime before: $(uptime)"
dotnet "$benchmark" load --icakms "$work/icakms/IcaKms.Web.dll" "$@" </dev/null
