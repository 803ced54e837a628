#!/usr/bin/env bash
# Restart drill on the real servers: two worker processes ingest text packets while the broker or the database is
# stopped and started again, then every document is accounted for.
#   scripts/drill.sh broker|database [rounds=20] [outage-seconds=15]
# Each round submits three fresh sample packets (27 documents, some of them rejected by design). The recovery sweep is
# off: the durable outbox, redelivery and reconnection alone must bring every document home. It stops the private
# RabbitMQ application or PostgreSQL cluster that scripts/infra-up.sh runs, so run it when nothing else is using them.
# It reads the system through `ingest … --json` only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
LOG_TAG=drill
server=${1:-}
rounds=${2:-20}
outage=${3:-15}
[[ $server == broker || $server == database ]] || die "usage: scripts/drill.sh broker|database [rounds] [outage-seconds]"
[[ $rounds =~ ^[1-9][0-9]*$ && $outage =~ ^[1-9][0-9]*$ ]] || die "rounds and outage-seconds must be positive whole numbers"

use_infra
work="$LOCAL_DIR/drill"
vhost=ingestion-drill
export Ingestion__Database__Schema=drill Ingestion__RabbitMq__VirtualHost=$vhost Ingestion__ContentStore__Root="$work/content" Ingestion__Receipts__Root="$work/receipts"
export Ingestion__Recovery__Enabled=false

build_ingest
reset_namespace "$vhost" drill "$work" >/dev/null
# A round is a fresh set of packets (the seed makes their ids): the same folder submitted twice is one packet.
for ((r = 1; r <= rounds; r++)); do
  ingest samples --format text --seed $((1572 + r)) "$work/packets/$r" >/dev/null
done

packets=()
for ((r = 1; r <= rounds; r++)); do
  for folder in "$work/packets/$r"/*/; do
    site=$(basename "$folder")
    packets+=("$(ingest_lab submit --site "$site" --study ABC-123 --by "drill@$site" "$folder" | awk 'NR==1 {print $2}')")
  done
done
# The packets wait in packet-intake; the workers start on a full queue, so the outage falls mid-run.
trap stop_fleet EXIT
for n in 1 2; do
  start_worker "drill-worker-$n" "$work/worker-$n.log"
done

say "${#packets[@]} packets queued, two workers started; the outage begins once documents become final"
final_count() { ingest status --json 2>/dev/null | json_query 'sum(p["finalCount"] for p in j["packets"])' || echo 0; }
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
summary=$(ingest wait --final --json --timeout 600 --packet "${packets[@]}") || status=1
drain=$((SECONDS - restored))
submitted=$(ingest status --json | json_query 'sum(p["documentCount"] for p in j["packets"])')
# The product counts its states (the wait command's summary); per document, how many audit entries record its final
# transition and whether the archive index holds it.
read -r archived rejected < <(json_query '" ".join(str(n) for n in [j["summary"]["archived"], j["summary"]["rejected"]])' <<<"$summary")
read -r indexed duplicated < <(ingest documents --json | json_query '" ".join(str(n) for n in [
  sum(d["archiveIndexed"] for d in j["documents"]),
  sum(d["finalEntries"] > 1 for d in j["documents"])])')
dead=$(ingest_operator dlq list --json | json_query 'j["messages"]')
lost=$((submitted - archived - rejected - dead))
ingest audit verify >/dev/null || status=1
((lost == 0 && duplicated == 0 && indexed == archived)) || status=1

say "$server restart drill: $submitted documents, outage ${outage} s at $before final; all final ${drain} s after the restart"
printf '  archived %s, rejected %s, dead-lettered %s, lost %s, final transition duplicated %s, archive index %s\n' \
  "$archived" "$rejected" "$dead" "$lost" "$duplicated" "$indexed"
if ((status == 0)); then say "nothing lost, nothing duplicated, the audit chain verifies"; else say "FAILED"; fi
exit "$status"
