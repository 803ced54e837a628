#!/usr/bin/env bash
# The audit ledger's figures: appends per second from 1, 2, 4 and 8 concurrent appenders (batches of 100, as the audit
# workers append), and the time to verify, checkpoint and prove in a ledger of ENTRIES (default 1,000,000) valid
# entries, then a packet's receipts and a consistency proof timed in-process (ingest-lab ledger bench-prove). Works in
# scratch schemas bench_ledger_* that it drops at the end. Usage: scripts/measure-ledger.sh [ENTRIES]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
LOG_TAG=ledger
entries=${1:-1000000}

# With the Ingestion__… variables already exported, their broker and database are used as they are.
[[ -n ${Ingestion__Database__ConnectionString:-} ]] && export INGESTION_SKIP_INFRA_UP=1
use_infra
work="$LOCAL_DIR/measure-ledger"
mkdir -p "$work"
export Ingestion__Audit__SigningKeyPath="$work/ledger-signing.pem"
build_ingest
schemas=()
drop_schemas() {
  local schema
  for schema in "${schemas[@]}"; do
    psql_superuser "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null
  done
}
trap drop_schemas EXIT
timed() { /usr/bin/time -f "  (%e s wall, %U s user CPU, %M KB peak)" "$@"; }

echo "== appends per second, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for appenders in 1 2 4 8; do
  schemas+=("bench_ledger_append_$appenders")
  ingest_lab ledger bench-append --schema "bench_ledger_append_$appenders" --entries 50000 --appenders "$appenders" --batch 100 | head -1
done

export Ingestion__Database__Schema=bench_ledger_large
schemas+=(bench_ledger_large)
echo "== a ledger of $entries entries"
ingest_lab ledger bench-fill --schema bench_ledger_large --entries "$entries"
echo "ingest audit verify"; timed dotnet "$INGEST_DLL" audit verify
echo "ingest audit checkpoint (the first: reads every entry)"; timed dotnet "$INGEST_DLL" audit checkpoint | head -1
ingest_lab ledger bench-fill --schema bench_ledger_large --entries 1000 >/dev/null
echo "ingest audit checkpoint (1000 entries later: continues from the last one)"; timed dotnet "$INGEST_DLL" audit checkpoint | head -1
# A synthetic entry of the scratch ledger, not the fleet's: no command lists the bench's made-up documents.
document=$(psql_superuser "SELECT correlation_id FROM bench_ledger_large.audit_ledger WHERE seq = $((entries / 2))")
echo "ingest audit prove (an entry in the middle)"; timed dotnet "$INGEST_DLL" audit prove "$document" --out "$work/receipt.json"
echo "ingest audit verify (with two signed checkpoints)"; timed dotnet "$INGEST_DLL" audit verify
echo "ingest-lab ledger bench-prove (one document, a 100-document packet, a consistency proof; in-process)"
ingest_lab ledger bench-prove --schema bench_ledger_large --entries "$entries" --repeat 2
