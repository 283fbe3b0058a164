# Sourced by the benchmark scripts (soak.sh, load.sh, circuits.sh), never run: `source scripts/lib/publish.sh NAME`.
# Moves to the repository's root, makes the temp folder $work (icakms-NAME.XXXXXX, removed on exit) and defines the
# steps they share: publishing IcaKms.Web in Release, building the benchmark, and $benchmark, the dll that runs it.
# Each step writes its output to a log in $work and prints it only when the step fails (then the script exits).

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d -t "icakms-$1.XXXXXX")"
trap 'rm -rf "$work"' EXIT

benchmark=benchmarks/IcaKms.Circuits/bin/Release/net10.0/IcaKms.Circuits.dll

# quietly LOG COMMAND...: runs COMMAND with its output in $work/LOG, shown (and the script ended) only if it fails.
quietly() {
    local log="$work/$1"
    shift
    "$@" </dev/null >"$log" || { cat "$log"; exit 1; }
}

publish_icakms() {
    quietly publish-icakms.log dotnet publish src/IcaKms.Web/IcaKms.Web.csproj -c Release -o "$work/icakms" --nologo -v quiet
}

build_benchmark() {
    quietly build-bench.log dotnet build benchmarks/IcaKms.Circuits/IcaKms.Circuits.csproj -c Release --nologo -v quiet
}
