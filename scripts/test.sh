#!/usr/bin/env bash
# The test command: installs what is missing, starts the private RabbitMQ node and PostgreSQL cluster,
# and runs the whole suite against them. Leaves both running; scripts/infra-down.sh stops them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "[test] the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
bash scripts/infra-up.sh
# The gateway tests put a site on a machine of its own: a network namespace (ip netns, from iproute2).
if ! command -v ip >/dev/null && [[ $EUID -eq 0 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2 >/dev/null || echo "[test] iproute2 not installed: the site-machine test will be skipped" >&2
fi
# shellcheck source=/dev/null
source .local/env.sh

mkdir -p .local/test
log=.local/test/dotnet-test.log
status=0
dotnet test Ingestion.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# One plain closing line: "tests: N passed, N failed, N skipped", summed over the test assemblies' summaries
# ("Passed: N" / "Failed: N" / "Skipped: N" lines at normal verbosity).
summary=$(awk '
  /^[[:space:]]+Passed:[[:space:]]+[0-9]+[[:space:]]*$/  {p += $2}
  /^[[:space:]]+Failed:[[:space:]]+[0-9]+[[:space:]]*$/  {f += $2}
  /^[[:space:]]+Skipped:[[:space:]]+[0-9]+[[:space:]]*$/ {s += $2}
  END {printf "%d passed, %d failed, %d skipped", p, f, s}' "$log")
echo "tests: $summary"
exit "$status"
