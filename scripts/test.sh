#!/usr/bin/env bash
# The test command. First the unit tests (tests/Ingestion.UnitTests: pure rules, no broker, no database, seconds), so
# that a broken rule fails fast; then it installs what is missing, starts the private RabbitMQ node and PostgreSQL
# cluster, and runs tests/Ingestion.Tests against them. Leaves both running; scripts/infra-down.sh stops them.
# Arguments go to both `dotnet test` runs (for example --filter "FullyQualifiedName~Lifecycle").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=lib.sh
source scripts/lib.sh
LOG_TAG=test

command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH)"

mkdir -p .local/test
log=.local/test/dotnet-test.log
: >"$log"
status=0
dotnet build Ingestion.sln -c Release -v q -clp:ErrorsOnly 2>&1 | tee -a "$log" || status=$?

run_tests() {
  dotnet test "$1" -c Release --no-build --logger "console;verbosity=normal" "${@:2}" 2>&1 | tee -a "$log"
}

if [[ $status -eq 0 ]]; then
  run_tests tests/Ingestion.UnitTests "$@" || status=$?
  if [[ $status -eq 0 ]]; then
    use_infra
    # The gateway tests put a site on a machine of its own: a network namespace (ip netns, from iproute2).
    if ! command -v ip >/dev/null && [[ $EUID -eq 0 ]]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 >/dev/null \
        || echo "[test] iproute2 not installed: the site-machine test will be skipped" >&2
    fi
    # The inspector's export verifier (scripts/verify-export.py) checks signatures with Debian's python3-cryptography.
    if ! python3 -c 'import cryptography' 2>/dev/null && [[ $EUID -eq 0 ]]; then
      log "apt-get install python3-cryptography (for the inspector's export verifier)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-cryptography >/dev/null \
        || echo "[test] python3-cryptography not installed: the independent verifier's test will fail" >&2
    fi
    # The console's browser tests drive Debian's chromium through Playwright; Playwright never downloads a browser here.
    if [[ ! -x /usr/bin/chromium && -z ${INGESTION_CHROMIUM:-} && $EUID -eq 0 ]]; then
      log "apt-get install chromium (for the console's browser tests)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
        || echo "[test] chromium not installed: the console's browser tests will fail" >&2
    fi
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    run_tests tests/Ingestion.Tests "$@" || status=$?
  else
    echo "[test] unit tests failed: tests/Ingestion.Tests (broker and database) not run" | tee -a "$log"
  fi
fi

# Every failed test again at the end, with the first lines of its error, so that the tail of a long run says what failed.
failures=$(awk '
  /^[[:space:]]+Failed [^:]/ {show = 14; print ""}
  show > 0 {print; show--}' "$log")
if [[ -n $failures ]]; then
  echo
  echo "[test] failed tests:"
  printf '%s\n' "$failures" | cut -c1-400
fi

# One plain closing line: "tests: N passed, N failed, N skipped", summed over the test assemblies' summaries
# ("Passed: N" / "Failed: N" / "Skipped: N" lines at normal verbosity).
summary=$(awk '
  /^[[:space:]]+Passed:[[:space:]]+[0-9]+[[:space:]]*$/  {p += $2}
  /^[[:space:]]+Failed:[[:space:]]+[0-9]+[[:space:]]*$/  {f += $2}
  /^[[:space:]]+Skipped:[[:space:]]+[0-9]+[[:space:]]*$/ {s += $2}
  END {printf "%d passed, %d failed, %d skipped", p, f, s}' "$log")
echo "tests: $summary"
exit "$status"
