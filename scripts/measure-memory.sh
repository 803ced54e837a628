#!/usr/bin/env bash
# Memory governance check: the peak resident set (VmHWM) of one worker process while it ingests one large
# born-digital PDF, against its peak after a warm-up packet. Usage: scripts/measure-memory.sh [MiB ...] (default 500).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
LOG_TAG=memory
sizes=("$@")
((${#sizes[@]})) || sizes=(500)

# INGESTION_SKIP_INFRA_UP=1: the broker and database are up and the Ingestion__… variables exported (scripts/bench.sh);
# MEMORY_VHOST, MEMORY_SCHEMA and MEMORY_WORK move the run's virtual host, schema and folder.
use_infra
work="${MEMORY_WORK:-$LOCAL_DIR/memory}"
vhost=${MEMORY_VHOST:-ingestion-memory}
schema=${MEMORY_SCHEMA:-memory}
export Ingestion__Database__Schema=$schema Ingestion__RabbitMq__VirtualHost=$vhost Ingestion__ContentStore__Root="$work/content"

build_ingest
reset_namespace "$vhost" "$schema" "$work" >/dev/null

trap stop_fleet EXIT
start_worker memory-worker "$work/worker.log"
pid=${FLEET_PIDS[0]}
worker_ready() { (($(queue_consumers "$vhost" validate-document) > 0)); }
wait_until 60 "the worker to take messages" worker_ready || die "the worker did not start; see $work/worker.log"
hwm_mb() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }

submit_and_wait() {
  local out id
  out=$(ingest_lab submit --site US-BOS-001 --study ABC-123 "$1")
  id=$(printf '%s\n' "$out" | awk 'NR==1 {print $2}')
  ingest wait --final --timeout 1800 --packet "$id" | tail -1
}

ingest samples --format text "$work/warm-up" >/dev/null
submit_and_wait "$work/warm-up/US-BOS-001" >/dev/null
baseline=$(hwm_mb)
{
  echo "Worker peak RSS (VmHWM) after a 9-document warm-up packet: $baseline MB"
  for mb in "${sizes[@]}"; do
    ingest samples --large-mb "$mb" "$work/packets" >/dev/null
    start=$SECONDS
    result=$(submit_and_wait "$work/packets/large-${mb}mb")
    peak=$(hwm_mb)
    echo "${mb} MiB PDF: $result"
    echo "${mb} MiB PDF: worker peak RSS $peak MB, +$((peak - baseline)) MB over the warm-up peak (limit +100 MB), $((SECONDS - start)) s end to end"
    rm -rf "$work/packets/large-${mb}mb"
  done
} | tee "$work/result.txt"
