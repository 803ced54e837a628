#!/usr/bin/env bash
# The test command: installs what is missing, starts the private RabbitMQ node and PostgreSQL cluster,
# and runs the whole suite against them. Leaves both running; scripts/infra-down.sh stops them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v dotnet >/dev/null || { echo "[test] the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
bash scripts/infra-up.sh

# The console's browser tests drive Debian's chromium through Playwright; Playwright never downloads a browser here.
if [[ ! -x /usr/bin/chromium ]]; then
  echo "[test] apt-get install chromium (for the console's browser tests)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
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
