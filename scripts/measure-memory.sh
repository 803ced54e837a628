#!/usr/bin/env bash
# Memory governance check: the peak resident set (VmHWM) of one worker process while it ingests one large
# born-digital PDF, against its peak after a warm-up packet. Usage: scripts/measure-memory.sh [MiB ...] (default 500).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
sizes=("$@")
((${#sizes[@]})) || sizes=(500)

# INGESTION_SKIP_INFRA_UP=1: the broker and database are up and the Ingestion__… variables exported (scripts/bench.sh);
# MEMORY_VHOST, MEMORY_SCHEMA and MEMORY_WORK move the run's virtual host, schema and folder.
if [[ ${INGESTION_SKIP_INFRA_UP:-0} != 1 ]]; then
  bash scripts/infra-up.sh
  # shellcheck source=/dev/null
  source .local/env.sh
fi
work="${MEMORY_WORK:-$REPO_ROOT/.local/memory}"
vhost=${MEMORY_VHOST:-ingestion-memory}
schema=${MEMORY_SCHEMA:-memory}
export Ingestion__Database__Schema=$schema Ingestion__RabbitMq__VirtualHost=$vhost Ingestion__ContentStore__Root="$work/content"
api="http://127.0.0.1:$MGMT_PORT/api"

dotnet build Ingestion.sln -c Release --nologo -v quiet -clp:ErrorsOnly
ingest=(dotnet "$REPO_ROOT/Ingestion.Host/bin/Release/net10.0/ingest.dll")
# The fleet's own trusted submitter (sites submit through the gateway with `ingest submit`).
lab=(dotnet "$REPO_ROOT/Ingestion.Lab/bin/Release/net10.0/ingest-lab.dll")
curl -sf -u guest:guest -X DELETE "$api/vhosts/$vhost" >/dev/null || true
curl -sf -u guest:guest -X PUT "$api/vhosts/$vhost" >/dev/null
curl -sf -u guest:guest -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' "$api/permissions/$vhost/guest" >/dev/null
# Resetting is an operator's act (a schema left by an older run may belong to postgres); the fleet never drops anything.
psql -q "host=127.0.0.1 port=$PG_PORT user=postgres dbname=ingestion" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE"
if [[ -d $work ]]; then chmod -R u+w "$work"; rm -rf "$work"; fi
mkdir -p "$work"

"${ingest[@]}" worker --worker-id memory-worker >"$work/worker.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait 2>/dev/null || true' EXIT
consumers() { curl -sf -u guest:guest "$api/queues/$vhost/validate-document" | grep -o '"consumers":[0-9]*' | cut -d: -f2; }
worker_ready() { [[ $(consumers 2>/dev/null || echo 0) -gt 0 ]]; }
wait_until 60 "the worker to take messages" worker_ready
hwm_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }

submit_and_wait() {
  local out id
  out=$("${lab[@]}" submit --site US-BOS-001 --study ABC-123 "$1")
  id=$(printf '%s\n' "$out" | awk 'NR==1 {print $2}')
  "${ingest[@]}" wait --final --timeout 1800 --packet "$id" | tail -1
}

"${ingest[@]}" samples --format text "$work/warm-up" >/dev/null
submit_and_wait "$work/warm-up/US-BOS-001" >/dev/null
baseline=$(hwm_mb)
{
  echo "Worker peak RSS (VmHWM) after a 9-document warm-up packet: $baseline MB"
  for mb in "${sizes[@]}"; do
    "${ingest[@]}" samples --large-mb "$mb" "$work/packets" >/dev/null
    start=$SECONDS
    result=$(submit_and_wait "$work/packets/large-${mb}mb")
    peak=$(hwm_mb)
    echo "${mb} MiB PDF: $result"
    echo "${mb} MiB PDF: worker peak RSS $peak MB, +$((peak - baseline)) MB over the warm-up peak (limit +100 MB), $((SECONDS - start)) s end to end"
    rm -rf "$work/packets/large-${mb}mb"
  done
} | tee "$work/result.txt"
