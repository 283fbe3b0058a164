#!/usr/bin/env bash
# Circuit-memory benchmark (issue 8): publishes IcaKms.Web in Release and a bare `dotnet new blazor --interactivity
# Server` app generated in a temp folder, runs each on 127.0.0.1 (Production), holds N idle circuits against each by
# driving the Blazor Server protocol from one process, and prints heap and RSS per circuit after a full GC, first-load
# bytes and the IcaKms/bare ratios. Arguments go to the benchmark, e.g. scripts/circuits.sh --circuits 1000
# (see benchmarks/IcaKms.Circuits/CircuitOptions.cs). Everything it starts stops by itself.
set -euo pipefail

# shellcheck source=lib/publish.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/publish.sh" circuits

echo "publishing IcaKms.Web (Release) and a bare Blazor Server template into $work"
publish_icakms
# Outside the repository, so none of its Directory.*.props or global.json apply to the template.
quietly new-bare.log dotnet new blazor --interactivity Server --name BareBlazor --output "$work/bare-src"
quietly publish-bare.log dotnet publish "$work/bare-src/BareBlazor.csproj" -c Release -o "$work/bare" --nologo -v quiet
build_benchmark

dotnet "$benchmark" \
    --icakms "$work/icakms/IcaKms.Web.dll" --bare "$work/bare/BareBlazor.dll" "$@" </dev/null
