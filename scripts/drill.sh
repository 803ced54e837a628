#!/usr/bin/env bash
# Restart drill on the real servers: two worker processes ingest text packets while the broker or the database is
# stopped and started again, then every document is accounted for.
#   scripts/drill.sh broker|database [rounds=20] [outage-seconds=15]
# Each round submits three fresh sample packets (27 documents, some of them rejected by design). The recovery sweep is
# off: the durable outbox, redelivery and reconnection alone must bring every document home. It stops the private
# RabbitMQ application or PostgreSQL cluster that scripts/infra-up.sh runs, so run it when nothing else is using them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
server=${1:-}
rounds=${2:-20}
outage=${3:-15}
[[ $server == broker || $server == database ]] || die "usage: scripts/drill.sh broker|database [rounds] [outage-seconds]"
[[ $rounds =~ ^[1-9][0-9]*$ && $outage =~ ^[1-9][0-9]*$ ]] || die "rounds and outage-seconds must be positive whole numbers"

bash scripts/infra-up.sh
# shellcheck source=/dev/null
source .local/env.sh
work="$REPO_ROOT/.local/drill"
vhost=ingestion-drill
export Ingestion__Database__Schema=drill Ingestion__RabbitMq__VirtualHost=$vhost Ingestion__ContentStore__Root="$work/content"
export Ingestion__Recovery__Enabled=false
say() { printf '\n[drill] %s\n' "$*"; }
superuser() { psql -qtA "host=127.0.0.1 port=$PG_PORT user=postgres dbname=ingestion" -c "$1"; }
sql() { psql -qtA "host=127.0.0.1 port=$PG_PORT user=$PG_FLEET_ROLE dbname=ingestion" -c "SET search_path = drill; $1"; }

dotnet build Ingestion.sln -c Release --nologo -v quiet -clp:ErrorsOnly
ingest=(dotnet "$REPO_ROOT/Ingestion.Host/bin/Release/net10.0/ingest.dll")
api="http://127.0.0.1:$MGMT_PORT/api"
curl -sf -u guest:guest -X DELETE "$api/vhosts/$vhost" >/dev/null || true
curl -sf -u guest:guest -X PUT "$api/vhosts/$vhost" >/dev/null
curl -sf -u guest:guest -X PUT -H 'content-type: application/json' \
  -d '{"configure":".*","write":".*","read":".*"}' "$api/permissions/$vhost/guest" >/dev/null
superuser "SET client_min_messages = warning; DROP SCHEMA IF EXISTS drill CASCADE" >/dev/null
if [[ -d $work ]]; then chmod -R u+w "$work"; rm -rf "$work"; fi
mkdir -p "$work"
# A round is a fresh set of packets (the seed makes their ids): the same folder submitted twice is one packet.
for ((r = 1; r <= rounds; r++)); do
  "${ingest[@]}" samples --format text --seed $((1572 + r)) "$work/packets/$r" >/dev/null
done

packets=()
for ((r = 1; r <= rounds; r++)); do
  for folder in "$work/packets/$r"/*/; do
    site=$(basename "$folder")
    packets+=("$("${ingest[@]}" submit --site "$site" --study ABC-123 --by "drill@$site" "$folder" | awk 'NR==1 {print $2}')")
  done
done
# The packets wait in packet-intake; the workers start on a full queue, so the outage falls mid-run.
pids=()
stop_fleet() { ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null || true; }
trap stop_fleet EXIT
for n in 1 2; do
  "${ingest[@]}" worker --worker-id "drill-worker-$n" >"$work/worker-$n.log" 2>&1 &
  pids+=($!)
done

say "${#packets[@]} packets queued, two workers started; the outage begins once documents become final"
# Final documents as the packet tracker records them: the script asks the product's tables, it does not spell its states.
final_count() { sql "SELECT count(*) FROM packet_documents" 2>/dev/null || echo 0; }
deadline=$((SECONDS + 300))
until (($(final_count) >= 1)); do
  ((SECONDS < deadline)) || die "no progress before the outage"
  sleep 0.5
done

if [[ $server == broker ]]; then
  # rabbitmqctl itself takes seconds to start; the count is taken once the broker is down.
  rmq rabbitmqctl stop_app >/dev/null
  before=$(final_count)
  say "broker down for $outage s with $before final"
  sleep "$outage"
  rmq rabbitmqctl start_app >/dev/null
else
  before=$(final_count)
  pg pg_ctl stop -D "$PG_DATA" -m fast -w >/dev/null
  say "database down for $outage s with $before final"
  sleep "$outage"
  bash scripts/infra-up.sh >/dev/null 2>&1
fi
restored=$SECONDS

status=0
summary=$("${ingest[@]}" wait --final --timeout 600 --packet "${packets[@]}" | tail -1) || status=1
drain=$((SECONDS - restored))
submitted=$(sql "SELECT coalesce(sum(document_count), 0) FROM packets")
# From the wait command's summary line ("… N archived, M rejected, …").
archived=$(grep -oE '[0-9]+ archived' <<<"$summary" | cut -d' ' -f1 || echo 0)
rejected=$(grep -oE '[0-9]+ rejected' <<<"$summary" | cut -d' ' -f1 || echo 0)
indexed=$(sql "SELECT count(*) FROM archived_documents")
# A document whose final transition (the state the packet tracker recorded) is on the ledger more than once.
duplicated=$(sql "SELECT count(*) FROM (SELECT l.correlation_id FROM audit_ledger l JOIN packet_documents p
  ON p.correlation_id = l.correlation_id AND l.to_state = p.final_state GROUP BY 1 HAVING count(*) > 1) d")
dead=$("${ingest[@]}" dlq list | awk '/dead-lettered messages/ {print $1}')
lost=$((submitted - archived - rejected - ${dead:-0}))
"${ingest[@]}" audit verify >/dev/null || status=1
((lost == 0 && duplicated == 0 && indexed == archived)) || status=1

say "$server restart drill: $submitted documents, outage ${outage} s at $before final; all final ${drain} s after the restart"
printf '  archived %s, rejected %s, dead-lettered %s, lost %s, final transition duplicated %s, archive index %s\n' \
  "$archived" "$rejected" "${dead:-0}" "$lost" "$duplicated" "$indexed"
if ((status == 0)); then say "nothing lost, nothing duplicated, the audit chain verifies"; else say "FAILED"; fi
exit "$status"
