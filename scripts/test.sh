#!/usr/bin/env bash
# The test command: installs Debian's Chromium and redis-server for the E2E tests when they are missing, the
# certified OpenID provider's and the HCL parser's npm packages (npm ci, from their package-lock.json), builds
# IcaKms.sln, runs each test project with a trx logger into ./TestResults, and ends with one line
# "N passed, N failed, N skipped" summed from the trx files. Exits non-zero when a build or a test failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

export CI=true
export DEBIAN_FRONTEND=noninteractive
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results_dir=TestResults

# Runs a command as root: directly when we are root, else through passwordless sudo.
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n -E "$@"
    else
        echo "error: '$*' needs root and sudo is not available" >&2
        return 1
    fi
}

# Debian's chromium, never a browser download (Playwright's own `install` cannot reach its CDN here).
# fonts-liberation gives the screenshots real text glyphs. redis-server: the portal tests start their own
# Redis on loopback for the shared Data Protection key ring. awscli + jq:
# IcaKms.Script.Tests runs the generated setup script with the real AWS CLI (Debian's) against the loopback fake AWS.
ensure_debian_packages() {
    if [[ -x /usr/bin/chromium ]] && [[ -x /usr/bin/aws ]] && dpkg -s fonts-liberation redis-server jq >/dev/null 2>&1; then
        return 0
    fi
    echo "Installing Debian's chromium, fonts-liberation, redis-server, awscli and jq with apt-get..."
    as_root apt-get update -q </dev/null
    as_root apt-get install -y -q --no-install-recommends chromium fonts-liberation redis-server awscli jq </dev/null
}

# The portal's sign-in tests run oidc-provider (an OpenID Certified provider) with the machine's Node.js: its
# packages come from the npm registry, exactly as locked.
ensure_oidc_provider() {
    local folder=tests/IcaKms.E2E.Tests/Portal/oidc
    if [[ -f "$folder/node_modules/oidc-provider/package.json" && "$folder/node_modules/.package-lock.json" -nt "$folder/package-lock.json" ]]; then
        return 0
    fi
    echo "Installing the test OpenID provider's npm packages (npm ci)..."
    (cd "$folder" && npm ci --no-audit --no-fund </dev/null)
}

# The export tests parse the generated Terraform with HashiCorp's HCL parser (npm @cdktf/hcl2json), exactly as locked.
ensure_hcl_parser() {
    local folder=tests/IcaKms.Export.Tests/hcl
    if [[ -f "$folder/node_modules/@cdktf/hcl2json/package.json" && "$folder/node_modules/.package-lock.json" -nt "$folder/package-lock.json" ]]; then
        return 0
    fi
    echo "Installing the HCL parser's npm packages (npm ci)..."
    (cd "$folder" && npm ci --no-audit --no-fund </dev/null)
}

# Sums the <Counters .../> attributes of every trx file and prints the summary line.
print_summary() {
    local passed=0 failed=0 skipped=0 trx counters not_run not_executed
    shopt -s nullglob
    for trx in "$results_dir"/*.trx; do
        counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
        [[ -n "$counters" ]] || continue
        passed=$((passed + $(counter "$counters" passed)))
        # A test that errored, timed out or was aborted did not pass either.
        failed=$((failed + $(counter "$counters" failed) + $(counter "$counters" error) \
            + $(counter "$counters" timeout) + $(counter "$counters" aborted)))
        # VSTest counts a skipped test in total but not in executed, and leaves notExecuted at 0.
        not_run=$(($(counter "$counters" total) - $(counter "$counters" executed)))
        not_executed=$(counter "$counters" notExecuted)
        skipped=$((skipped + (not_executed > not_run ? not_executed : not_run)))
    done
    shopt -u nullglob
    echo "$passed passed, $failed failed, $skipped skipped"
}

# The value of attribute $2 in the element $1, or 0.
counter() {
    local value
    value="$(grep -o " $2=\"[0-9]*\"" <<<"$1" | head -n 1 | grep -o '[0-9]\+' || true)"
    echo "${value:-0}"
}

ensure_debian_packages
ensure_oidc_provider
ensure_hcl_parser

rm -rf "$results_dir"
mkdir -p "$results_dir"

status=0
if dotnet build IcaKms.sln </dev/null; then
    # One `dotnet test` per project so that each trx file has a fixed, distinct name: on a solution,
    # the trx logger's names differ only by a timestamp to the second and can overwrite each other.
    for project in tests/*/*.Tests.csproj; do
        name="$(basename "$project" .csproj)"
        dotnet test "$project" --no-build \
            --results-directory "$results_dir" \
            --logger "trx;LogFileName=$name.trx" \
            --logger "console;verbosity=normal" \
            --blame-hang-timeout 15m \
            </dev/null || status=$?
    done
else
    status=$?
    echo "error: the build failed" >&2
fi

shopt -s nullglob
trx_files=("$results_dir"/*.trx)
shopt -u nullglob
if [[ ${#trx_files[@]} -eq 0 ]]; then
    echo "error: no test results in $results_dir" >&2
    [[ $status -ne 0 ]] || status=1
fi

summary="$(print_summary)"
# Never report success with failed tests, whatever dotnet test returned.
if [[ $status -eq 0 && ! "$summary" =~ ^[0-9]+\ passed,\ 0\ failed ]]; then
    status=1
fi
echo "$summary" | tee "$results_dir/summary.txt"
exit "$status"
