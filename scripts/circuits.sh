#!/usr/bin/env bash
# Circuit-memory benchmark (issue 8): publishes IcaKms.Web in Release and a bare `dotnet new blazor --interactivity
# Server` app generated in a temp folder, runs each on 127.0.0.1 (Production), holds N idle circuits against each by
# driving the Blazor Server protocol from one process, and prints heap and RSS per circuit after a full GC, first-load
# bytes and the IcaKms/bare ratios. Arguments go to the benchmark, e.g. scripts/circuits.sh --circuits 1000
# (see benchmarks/IcaKms.Circuits/CircuitOptions.cs). Everything it starts stops by itself.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d -t icakms-circuits.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "publishing IcaKms.Web (Release) and a bare Blazor Server template into $work"
dotnet publish src/IcaKms.Web/IcaKms.Web.csproj -c Release -o "$work/icakms" --nologo -v quiet </dev/null >"$work/publish-icakms.log" \
    || { cat "$work/publish-icakms.log"; exit 1; }
# Outside the repository, so none of its Directory.*.props or global.json apply to the template.
dotnet new blazor --interactivity Server --name BareBlazor --output "$work/bare-src" </dev/null >"$work/new-bare.log" \
    || { cat "$work/new-bare.log"; exit 1; }
dotnet publish "$work/bare-src/BareBlazor.csproj" -c Release -o "$work/bare" --nologo -v quiet </dev/null >"$work/publish-bare.log" \
    || { cat "$work/publish-bare.log"; exit 1; }
dotnet build benchmarks/IcaKms.Circuits/IcaKms.Circuits.csproj -c Release --nologo -v quiet </dev/null >"$work/build-bench.log" \
    || { cat "$work/build-bench.log"; exit 1; }

dotnet benchmarks/IcaKms.Circuits/bin/Release/net10.0/IcaKms.Circuits.dll \
    --icakms "$work/icakms/IcaKms.Web.dll" --bare "$work/bare/BareBlazor.dll" "$@" </dev/null
