#!/usr/bin/env bash
# Soak and leaks (issue 23): publishes IcaKms.Web in Release, runs it on 127.0.0.1 against a loopback fake AWS, and
# opens and closes many tabs over the Blazor protocol (every 2nd one also connects with the benchmark's marker
# credential and inspects; each tab is closed as a browser closes it, with the disconnect beacon). Prints the managed
# heap after a forced full GC before and after (goal: within 5 %), and counts the marker credential in heap dumps taken
# while a connected tab is open (must be found) and after every tab is closed (must be 0). Exit code 0 when all held.
# Arguments go to the benchmark (benchmarks/IcaKms.Circuits/SoakOptions.cs), e.g.
#   scripts/soak.sh                          # 10,000 tabs, 8 at a time
#   scripts/soak.sh --circuits 2000          # fewer, on a busy machine
# Everything it starts stops by itself.
set -euo pipefail

# shellcheck source=lib/publish.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/publish.sh" soak

echo "publishing IcaKms.Web (Release) into $work"
publish_icakms
build_benchmark

echo "uptime before: $(uptime)"
status=0
dotnet "$benchmark" soak --icakms "$work/icakms/IcaKms.Web.dll" --dump-folder "$work" "$@" </dev/null \
    || status=$?
echo "uptime after: $(uptime)"
exit $status
