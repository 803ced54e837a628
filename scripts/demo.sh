#!/usr/bin/env bash
# The main job: start the private broker and database, build, run a fleet of two worker processes, submit the
# sample packets of three sites, wait for every document to reach a final state, print what happened to each,
# and verify the audit chain. Exits non-zero if any document is unaccounted for or the chain does not verify.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh

command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH)"
bash scripts/infra-up.sh
# shellcheck source=/dev/null
source .local/env.sh

demo="$REPO_ROOT/.local/demo"
vhost=ingestion-demo
export Ingestion__Database__Schema=demo
export Ingestion__RabbitMq__VirtualHost=$vhost
export Ingestion__ContentStore__Root="$demo/content"
say() { printf '\n[demo] %s\n' "$*"; }

say "building (Release)"
dotnet build Ingestion.sln -c Release --nologo -v quiet -clp:ErrorsOnly
ingest=(dotnet "$REPO_ROOT/Ingestion.Host/bin/Release/net10.0/ingest.dll")

say "resetting the demo's own virtual host '$vhost' and schema 'demo'"
api="http://127.0.0.1:$MGMT_PORT/api"
curl -sf -u guest:guest -X DELETE "$api/vhosts/$vhost" >/dev/null || true
curl -sf -u guest:guest -X PUT "$api/vhosts/$vhost" >/dev/null
curl -sf -u guest:guest -X PUT -H 'content-type: application/json' \
  -d '{"configure":".*","write":".*","read":".*"}' "$api/permissions/$vhost/guest" >/dev/null
# Resetting is an operator's act (a schema left by an older run may belong to postgres); the fleet never drops anything.
psql -q "host=127.0.0.1 port=$PG_PORT user=postgres dbname=ingestion" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS demo CASCADE"
if [[ -d $demo ]]; then chmod -R u+w "$demo"; rm -rf "$demo"; fi
mkdir -p "$demo"

say "writing sample PDF packets (US: two scanned forms; DE: a deprecated v1.4 and a revised v2.2 form; JP: truncated, not-a-PDF, encrypted, empty and corrupted files)"
"${ingest[@]}" samples "$demo/packets"
# Bit rot in transit: one byte of a JP document changes after the site computed its manifest hash (HASH_MISMATCH).
printf 'X' | dd of="$demo/packets/JP-TKY-003/008-financial-disclosure.pdf" bs=1 seek=300 conv=notrunc status=none

say "starting a fleet of two workers (logs: .local/demo/worker-*.log)"
pids=()
stop_fleet() { ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null || true; }
trap stop_fleet EXIT
for n in 1 2; do
  "${ingest[@]}" worker --worker-id "demo-worker-$n" >"$demo/worker-$n.log" 2>&1 &
  pids+=($!)
done

say "sites submit their packets"
packets=()
for site in US-BOS-001 DE-BER-002 JP-TKY-003; do
  out=$("${ingest[@]}" submit --site "$site" --study ABC-123 --by "coordinator@$site" "$demo/packets/$site")
  printf '%s\n' "$out" | head -1
  packets+=("$(printf '%s\n' "$out" | awk 'NR==1 {print $2}')")
done

say "waiting until every document is final or waits for a reviewer"
status=0
"${ingest[@]}" wait --timeout 300 --packet "${packets[@]}" || status=$?

sql() { psql -qtA "host=127.0.0.1 port=$PG_PORT user=$PG_FLEET_ROLE dbname=ingestion" -c "$1"; }
scanned=$(sql "SELECT correlation_id FROM demo.document_ingestion WHERE data->'Document'->>'DocumentId' = 'US-BOS-001-DOC-001'")
say "the scanned Form FDA 1572 of US-BOS-001: fields read by OCR"
"${ingest[@]}" show "$scanned" || status=1

say "manual review"
"${ingest[@]}" review list
in_review=$(sql "SELECT correlation_id FROM demo.document_ingestion WHERE current_state = 'ManualReview'")
if [[ -n $in_review ]]; then
  # Decisions are signed by a person with an account: the installer's administrator creates a reviewer, who sets their
  # own password and signs each approval with it (passwords on standard input, one a line, as scripts give them).
  admin_password=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')Aa1!
  initial_password=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')Bb2!
  reviewer_password=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')Cc3!
  printf '%s\n' "$admin_password" | "${ingest[@]}" users add demo-admin --role admin --name "Demo Administrator" --password-stdin >/dev/null
  printf '%s\n%s\n' "$admin_password" "$initial_password" |
    "${ingest[@]}" users add demo-reviewer --role reviewer --name "Demo Reviewer" --as demo-admin --password-stdin >/dev/null
  printf '%s\n%s\n' "$initial_password" "$reviewer_password" | "${ingest[@]}" users password demo-reviewer --password-stdin >/dev/null
  for id in $in_review; do
    printf '%s\n' "$reviewer_password" | "${ingest[@]}" review approve "$id" --reviewer demo-reviewer \
      --reason "Checked against the original in the demo" --password-stdin || status=1
  done
fi
"${ingest[@]}" wait --final --timeout 120 --packet "${packets[@]}" >/dev/null || status=1

say "audit trail of the scanned Form FDA 1572"
"${ingest[@]}" audit trail "$scanned" || status=1

say "verifying the audit chain"
"${ingest[@]}" audit verify || status=1

if ((status == 0)); then say "every document is accounted for and the audit chain verifies"; else say "FAILED (exit $status)"; fi
exit "$status"
