#!/usr/bin/env bash
# The audit ledger's figures: appends per second from 1, 2, 4 and 8 concurrent appenders (batches of 100, as the audit
# workers append), and the time to verify, checkpoint and prove in a ledger of ENTRIES (default 1,000,000) valid
# entries, then a packet's receipts and a consistency proof timed in-process (ingest-lab ledger bench-prove). Works in
# scratch schemas bench_ledger_* that it drops at the end. Usage: scripts/measure-ledger.sh [ENTRIES]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
entries=${1:-1000000}

if [[ -z ${Ingestion__Database__ConnectionString:-} ]]; then
  bash scripts/infra-up.sh
  # shellcheck source=/dev/null
  source .local/env.sh
fi
work="$REPO_ROOT/.local/measure-ledger"
mkdir -p "$work"
export Ingestion__Audit__SigningKeyPath="$work/ledger-signing.pem"
dotnet build Ingestion.sln -c Release --nologo -v quiet -clp:ErrorsOnly
ingest=(dotnet "$REPO_ROOT/Ingestion.Host/bin/Release/net10.0/ingest.dll")
lab=(dotnet "$REPO_ROOT/Ingestion.Lab/bin/Release/net10.0/ingest-lab.dll")
schemas=()
drop_schemas() {
  local schema
  for schema in "${schemas[@]}"; do
    psql -q "host=127.0.0.1 port=$PG_PORT user=postgres dbname=ingestion" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE"
  done
}
trap drop_schemas EXIT
timed() { /usr/bin/time -f "  (%e s wall, %U s user CPU, %M KB peak)" "$@"; }

echo "== appends per second, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for appenders in 1 2 4 8; do
  schemas+=("bench_ledger_append_$appenders")
  "${lab[@]}" ledger bench-append --schema "bench_ledger_append_$appenders" --entries 50000 --appenders "$appenders" --batch 100 | head -1
done

export Ingestion__Database__Schema=bench_ledger_large
schemas+=(bench_ledger_large)
echo "== a ledger of $entries entries"
"${lab[@]}" ledger bench-fill --schema bench_ledger_large --entries "$entries"
echo "ingest audit verify"; timed "${ingest[@]}" audit verify
echo "ingest audit checkpoint (the first: reads every entry)"; timed "${ingest[@]}" audit checkpoint | head -1
"${lab[@]}" ledger bench-fill --schema bench_ledger_large --entries 1000 >/dev/null
echo "ingest audit checkpoint (1000 entries later: continues from the last one)"; timed "${ingest[@]}" audit checkpoint | head -1
document=$(psql -qtA "host=127.0.0.1 port=$PG_PORT user=$PG_FLEET_ROLE dbname=ingestion" -c "SELECT correlation_id FROM bench_ledger_large.audit_ledger WHERE seq = $((entries / 2))")
echo "ingest audit prove (an entry in the middle)"; timed "${ingest[@]}" audit prove "$document" --out "$work/receipt.json"
echo "ingest audit verify (with two signed checkpoints)"; timed "${ingest[@]}" audit verify
echo "ingest-lab ledger bench-prove (one document, a 100-document packet, a consistency proof; in-process)"
"${lab[@]}" ledger bench-prove --schema bench_ledger_large --entries "$entries" --repeat 2
