#!/usr/bin/env bash
# The benchmark, in one run: (a) the broker's raw limit (MassTransit, persistent messages of the pipeline's size, the
# workers' prefetch, a virtual host of its own) and the durable floor (the same, but each message opens one of the
# run's PDFs with PdfPig and commits one PostgreSQL transaction); (b) N born-digital PDF documents from M sites,
# submitted at once, through the whole pipeline with W worker processes: documents/s, the efficiency ratio (documents/s
# ÷ the floor's messages/s), messages and database transactions per document, CPU per document of the run's own
# workers, PostgreSQL and RabbitMQ, latency percentiles, and where the time goes; (d) open loop: one-document packets
# arriving at a fixed rate of half the measured throughput for S seconds, latency p50/p95/p99 to the final state and to
# the ledger; (e) history: the ledger pre-filled with H entries, the same burst again, and a 100-document packet's
# receipts on it; (c) a worker's peak RSS while it ingests PDFs of 1 MiB, 100 MiB and 1 GiB (scripts/measure-memory.sh).
# Prints a summary and keeps the whole output in bench/results/<date>-<host>.txt.
#
# Usage: scripts/bench.sh [--documents N] [--sites M] [--workers W] [--broker-messages K] [--floor-messages F]
#                         [--open-loop-seconds S] [--history-entries H] [--memory-mb "1 100 1024"]
#        (defaults 1000, 10, 3, 20000, 2000, 60, 1000000, "1 100 1024"; 0 for S or H, or --memory-mb "", skips that part).
# INGESTION_SKIP_INFRA_UP=1 uses a broker and database that are already up, with the Ingestion__… variables exported.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
LOG_TAG=bench

documents=1000 sites=10 workers=3 broker_messages=20000 floor_messages=2000 open_loop_seconds=60 history_entries=1000000
memory_mb="1 100 1024"
while (($#)); do
  case $1 in
    --documents) documents=${2:?}; shift 2 ;;
    --sites) sites=${2:?}; shift 2 ;;
    --workers) workers=${2:?}; shift 2 ;;
    --broker-messages) broker_messages=${2:?}; shift 2 ;;
    --floor-messages) floor_messages=${2:?}; shift 2 ;;
    --open-loop-seconds) open_loop_seconds=${2:?}; shift 2 ;;
    --history-entries) history_entries=${2:?}; shift 2 ;;
    --memory-mb) memory_mb=${2?}; shift 2 ;;
    *) die "unknown argument '$1' (see the usage at the top of scripts/bench.sh)" ;;
  esac
done
for n in "$documents" "$sites" "$workers" "$broker_messages" "$floor_messages"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "'$n' is not a positive whole number"
done
for n in "$open_loop_seconds" "$history_entries"; do
  [[ $n =~ ^[0-9]+$ ]] || die "'$n' is not a whole number"
done
((documents >= sites)) || die "--documents ($documents) must be at least --sites ($sites)"
for mb in $memory_mb; do [[ $mb =~ ^[1-9][0-9]*$ ]] || die "--memory-mb: '$mb' is not a positive whole number of MiB"; done
command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH)"
use_infra

work="$LOCAL_DIR/bench"
mkdir -p "$work" bench/results
result="bench/results/$(date -u +%Y-%m-%d)-$(hostname -s).txt"
exec > >(tee "$result") 2>&1
api="http://127.0.0.1:$MGMT_PORT/api"

say "machine"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "host:    $(hostname -s), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
echo "os:      $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
echo "stack:   .NET SDK $(dotnet --version), RabbitMQ $(rabbit_api GET overview | grep -o '"rabbitmq_version":"[^"]*"' | cut -d'"' -f4), $(psql_superuser 'SHOW server_version' postgres)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before the run; broker, database and workers share these cores"

say "building (Release)"
build_ingest

# ---------- (b) the pipeline ----------
# Its own database (so that xact_commit counts only the fleet), virtual host and content store.
vhost=bench-pipeline database=bench_pipeline
say "(b) pipeline: $documents born-digital PDF documents (text layer, no OCR) from $sites sites, $workers worker processes"
psql_superuser "DROP DATABASE IF EXISTS $database WITH (FORCE)" postgres
psql_superuser "CREATE DATABASE $database" postgres
psql_superuser "GRANT CREATE, CONNECT ON DATABASE $database TO $PG_OWNER_ROLE" postgres
export Ingestion__RabbitMq__VirtualHost=$vhost Ingestion__Database__Schema=bench \
  Ingestion__Database__ConnectionString="$(pg_role_connection "$PG_FLEET_ROLE" "$database")" \
  Ingestion__Database__LedgerConnectionString="$(pg_role_connection "$PG_LEDGER_ROLE" "$database")" \
  Ingestion__Database__OwnerConnectionString="$(pg_role_connection "$PG_OWNER_ROLE" "$database")" \
  Ingestion__ContentStore__Root="$work/pipeline/content" Ingestion__Audit__SigningKeyPath="$work/pipeline/ledger-signing.pem"
reset_namespace "$vhost" bench "$work/pipeline" "$database"
ingest_lab bench dataset --documents "$documents" --sites "$sites" "$work/pipeline/packets" >/dev/null
ingest_lab bench dataset --documents 9 --sites 1 --seed 1 "$work/pipeline/warm-up" >/dev/null

# stop_fleet stops only the workers: a bare `wait` would also wait for the tee that holds this script's output.
trap stop_fleet EXIT
metrics_port=$((19460 + RANDOM % 400))
for ((n = 1; n <= workers; n++)); do
  # Each worker serves its stage-duration histograms on a loopback port of its own, scraped at the end.
  Ingestion__Telemetry__PrometheusPort=$((metrics_port + n)) start_worker "bench-worker-$n" "$work/pipeline/worker-$n.log"
done
fleet_ready() { for q in packet-intake document-ingestion validate-document parse-document archive-document; do (($(queue_consumers "$vhost" "$q") >= workers)) || return 1; done; }
wait_until 120 "every worker to take messages" fleet_ready || die "the fleet did not start; see $work/pipeline/worker-*.log"

# A fresh packet id each time: the datasets of the runs below reuse site names, and a packet id is its content's for ever.
submit() { ingest_lab submit --site "$(basename "$1")" --study ABC-123 --by bench --packet-id "$(cat /proc/sys/kernel/random/uuid)" "$1" | awk 'NR==1 {print $2}'; }
# A first packet warms every worker up (JIT, connection pools) and is not in the figures. While it runs, a tap queue
# bound to every exchange keeps a copy of each message, to learn the pipeline's mean message size for part (a).
tap() {
  python3 - "$api" "$vhost" "$1" "$RABBIT_ADMIN_USER" "$SECRETS_DIR/rabbitmq-$RABBIT_ADMIN_USER.password" <<'PY'
import base64, json, sys, urllib.parse, urllib.request
api, vhost, action = sys.argv[1], urllib.parse.quote(sys.argv[2], safe=""), sys.argv[3]
# The administrator's password from its file (.local/secrets), not from a command line.
user, secret = sys.argv[4], open(sys.argv[5]).read().strip()
auth = {"Authorization": "Basic " + base64.b64encode(f"{user}:{secret}".encode()).decode(), "content-type": "application/json"}
def call(method, path, body=None):
    request = urllib.request.Request(f"{api}/{path}", method=method, headers=auth, data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")
if action == "on":
    call("PUT", f"queues/{vhost}/bench-tap", {"durable": False, "auto_delete": False})
    for exchange in call("GET", f"exchanges/{vhost}?columns=name"):
        if exchange["name"] and not exchange["name"].startswith("amq."):
            call("POST", f"bindings/{vhost}/e/{urllib.parse.quote(exchange['name'], safe='')}/q/bench-tap", {"routing_key": ""})
elif action == "read":
    queue = call("GET", f"queues/{vhost}/bench-tap")
    print(queue.get("messages", 0), queue.get("message_bytes", 0))
else:
    call("DELETE", f"queues/{vhost}/bench-tap")
PY
}
tap on
warm=$(submit "$work/pipeline/warm-up/BENCH-001")
ingest wait --final --timeout 120 --packet "$warm" | tail -1
# Queue statistics lag by up to 5 s: read until two readings 3 s apart agree on a count above zero.
tapped="0 0"
for _ in 1 2 3 4 5 6 7 8 9 10; do sleep 3; again=$(tap read); [[ $again == "$tapped" && ${again%% *} -gt 0 ]] && break; tapped=$again; done
tap off
read -r tapped_messages tapped_bytes <<<"$tapped"
((tapped_messages > 0)) || die "the tap queue caught no message of the warm-up packet"
message_bytes=$((tapped_bytes / tapped_messages))
echo "pipeline messages of the warm-up packet: $tapped_messages, mean body $message_bytes bytes"

# CPU seconds (user + system, reaped children included) of the given processes: where the run's CPU went.
cpu_seconds() {
  local ticks=0 pid stat
  for pid in "$@"; do
    stat=$(cut -d')' -f2- "/proc/$pid/stat" 2>/dev/null) || continue
    ticks=$((ticks + $(awk '{print $12 + $13 + $14 + $15}' <<<"$stat")))
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}'
}
# Only this run's own processes: its workers (their reader child processes are reaped into them), its PostgreSQL
# cluster (the postmaster, whose reaped backends count in it, and its live children) and its RabbitMQ nodes; not the
# other clusters and brokers on the machine.
own_postgres() { local pm; pm=$(head -n1 "$PG_DATA/postmaster.pid"); echo "$pm" $(pgrep -P "$pm"); }
own_rabbitmq() { local n; for ((n = 1; n <= RABBIT_CLUSTER_SIZE; n++)); do rabbit_node_pid "$n"; done; }
cpu_split() { echo "$(cpu_seconds "${FLEET_PIDS[@]}") $(cpu_seconds $(own_postgres)) $(cpu_seconds $(own_rabbitmq))"; }
# The server's own statistics of the run's own database: an operator's view, not the fleet's tables.
commits() { psql_superuser "SELECT xact_commit FROM pg_stat_database WHERE datname = '$database'" postgres; }
sleep 1   # the statistics collector reports a backend's commits at most once a second
commits_before=$(commits)
read -r cpu_workers_before cpu_db_before cpu_broker_before <<<"$(cpu_split)"
# Every site submits at once: a burst, so latency includes the wait behind the whole burst.
# submit_burst DATASET IDS: every packet folder of DATASET submitted at once; their ids into the folder IDS.
submit_burst() {
  local folder submitters=()
  mkdir -p "$2"
  for folder in "$1"/*/; do
    submit "$folder" >"$2/$(basename "$folder")" &
    submitters+=($!)
  done
  wait "${submitters[@]}"
}
submit_burst "$work/pipeline/packets" "$work/pipeline/ids"
mapfile -t packets < <(cat "$work/pipeline/ids"/*)
((${#packets[@]} == sites)) || die "only ${#packets[@]} of $sites packets were submitted"
# Every 2 s, each work queue's depth (ready + unacknowledged): the queue that piles up is the stage that limits the run.
sample_queues() {
  while :; do
    rabbit_api GET "queues/$vhost?columns=name,messages" | python3 -c '
import json, sys, time
queues = {q["name"]: q.get("messages", 0) for q in json.load(sys.stdin)}
print(time.strftime("%H:%M:%S"), " ".join(f"{n}={queues[n]}" for n in sorted(queues) if not n.endswith(("_error", "_skipped")) and "_wait_" not in n and n != "bench-tap"))' || true
    sleep 2
  done
}
sample_queues >"$work/pipeline/queues.txt" 2>/dev/null &
sampler=$!
status=0
ingest wait --final --timeout 900 --packet "${packets[@]}" >"$work/pipeline/wait.txt" || status=$?
tail -1 "$work/pipeline/wait.txt"
kill "$sampler" 2>/dev/null || true
((status == 0)) || { ingest hold status || true; die "not every document became final and audited (exit $status)"; }
sleep 1
commits_after=$(commits)
read -r cpu_workers_after cpu_db_after cpu_broker_after <<<"$(cpu_split)"
cpu_line=$(awk -v w="$cpu_workers_after" -v w0="$cpu_workers_before" -v d="$cpu_db_after" -v d0="$cpu_db_before" \
  -v b="$cpu_broker_after" -v b0="$cpu_broker_before" -v n="$documents" \
  'BEGIN {printf "cpu per document         %.1f ms: workers %.1f ms, PostgreSQL %.1f ms, RabbitMQ %.1f ms (this run'"'"'s own processes only)", ((w - w0) + (d - d0) + (b - b0)) * 1000 / n, (w - w0) * 1000 / n, (d - d0) * 1000 / n, (b - b0) * 1000 / n}')
scrapes=()
for ((n = 1; n <= workers; n++)); do
  curl -sf "http://127.0.0.1:$((metrics_port + n))/metrics" >"$work/pipeline/metrics-$n.txt" && scrapes+=("$work/pipeline/metrics-$n.txt")
done

# ---------- (d) open loop ----------
# One-document packets at half the burst's throughput (burst window as the script saw it), whatever the fleet does.
open_loop="" arrivals=0
if ((open_loop_seconds > 0)); then
  printf '%s\n' "${packets[@]}" >"$work/pipeline/burst-ids.txt"
  burst_rate=$(ingest_lab bench latency --packets-file "$work/pipeline/burst-ids.txt" | awk '/^throughput/ {print $2}')
  rate=$(awk -v r="$burst_rate" 'BEGIN {printf "%.1f", r / 2}')
  arrivals=$(awk -v r="$rate" -v s="$open_loop_seconds" 'BEGIN {printf "%d", r * s + 0.5}')
  say "(d) open loop: one-document packets at $rate/s (half the burst's $burst_rate documents/s) for $open_loop_seconds s: $arrivals documents"
  if ((arrivals > 0)); then
    ingest_lab bench dataset --documents "$arrivals" --sites "$arrivals" --seed 7 "$work/pipeline/open-loop" >/dev/null
    ingest_lab bench open-loop --rate "$rate" "$work/pipeline/open-loop" >"$work/pipeline/open-loop-ids.txt"
    mapfile -t open_packets <"$work/pipeline/open-loop-ids.txt"
    ingest wait --final --timeout 600 --packet "${open_packets[@]}" | tail -1
    open_loop=$(ingest_lab bench latency --packets-file "$work/pipeline/open-loop-ids.txt" | sed "s/^/    /")
    echo "$open_loop"
  fi
fi
stop_fleet

# The management statistics lag by up to 5 s: read until two readings 6 s apart agree.
vhost_counts() { rabbit_api GET "vhosts/$vhost" | python3 -c 'import json, sys; s = json.load(sys.stdin).get("message_stats", {}); print(s.get("publish", 0), s.get("deliver_get", 0), s.get("recv_oct", 0))' 2>/dev/null || echo "0 0 0"; }
counts=$(vhost_counts)
for _ in 1 2 3 4 5; do sleep 6; again=$(vhost_counts); [[ $again == "$counts" ]] && break; counts=$again; done
read -r published delivered _ <<<"$counts"

# ---------- (e) history ----------
history="" history_receipts="" first_checkpoint=""
if ((history_entries > 0)); then
  say "(e) history: the same burst of $documents documents on the run's ledger pre-filled with $history_entries more entries"
  ingest_lab ledger bench-fill --schema bench --entries "$history_entries"
  # A ledger that grew in service was checkpointed as it grew; a bulk-filled one never was, and the fleet's first
  # checkpoint would read all of it during the burst. Taken here, and timed, so that the burst sees the steady state.
  started=$(date +%s.%N)
  ingest audit checkpoint >/dev/null
  first_checkpoint=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
  echo "first checkpoint of the filled ledger (reads every entry; once in a ledger's life): $first_checkpoint s"
  ingest_lab bench dataset --documents "$documents" --sites "$sites" --seed 2 "$work/pipeline/history-packets" >/dev/null
  for ((n = 1; n <= workers; n++)); do start_worker "bench-history-worker-$n" "$work/pipeline/history-worker-$n.log"; done
  wait_until 120 "every worker to take messages" fleet_ready || die "the fleet did not start; see $work/pipeline/history-worker-*.log"
  submit_burst "$work/pipeline/history-packets" "$work/pipeline/history-ids"
  cat "$work/pipeline/history-ids"/* >"$work/pipeline/history-ids.txt"
  mapfile -t history_packets <"$work/pipeline/history-ids.txt"
  ingest wait --final --timeout 900 --packet "${history_packets[@]}" | tail -1
  history=$(ingest_lab bench latency --packets-file "$work/pipeline/history-ids.txt" | sed "s/^/    /")
  echo "$history"
  stop_fleet
  say "(e) a 100-document packet's receipts on that ledger"
  history_receipts=$(ingest_lab ledger bench-prove --schema bench --entries "$history_entries" --documents 100 --repeat 1 | tee /dev/stderr \
    | grep --no-group-separator -A1 -E '^(checkpoint at|receipts of a [0-9]+-document packet at the head)' | sed "s/^/    /")
fi

# ---------- (a) the broker's raw limit ----------
say "(a) broker: MassTransit send-to-consume of persistent messages of the pipeline's mean size ($message_bytes bytes), the workers' prefetch"
fresh_vhost bench-broker
raw_line=$(Ingestion__RabbitMq__VirtualHost=bench-broker ingest_lab bench broker --messages "$broker_messages" --message-bytes "$message_bytes")
echo "$raw_line"
raw=$(sed -E 's/^raw broker: ([0-9]+) .*/\1/' <<<"$raw_line")

say "(a) durable floor: the same messages, each opening one of the run's PDFs with PdfPig and committing one transaction"
fresh_vhost bench-floor
floor_pdf=$(find "$work/pipeline/packets" -name '*.pdf' | LC_ALL=C sort | awk 'NR == 1')
# As the schema's owner: the floor creates its own table.
floor_line=$(Ingestion__RabbitMq__VirtualHost=bench-floor Ingestion__Database__Schema=bench_floor \
  Ingestion__Database__ConnectionString="$Ingestion__Database__OwnerConnectionString" ingest_lab bench broker --messages "$floor_messages" --message-bytes "$message_bytes" --floor-pdf "$floor_pdf")
echo "$floor_line"
floor=$(sed -E 's/^durable floor: ([0-9.]+) .*/\1/' <<<"$floor_line")

report=$(ingest_lab bench report --packet "${packets[@]}" --workers "$workers" --published "$published" --delivered "$delivered" \
  --documents-counted $((documents + 9 + arrivals)) --commits $((commits_after - commits_before)) --floor-messages-per-second "$floor" \
  ${scrapes[@]:+--metrics "${scrapes[@]}"})

# ---------- (c) memory ----------
memory=""
if [[ -n $memory_mb ]]; then
  say "(c) memory: a worker's peak RSS while it ingests one born-digital PDF of each size (MiB: $memory_mb)"
  # shellcheck disable=SC2086 # the sizes are separate arguments
  memory=$(INGESTION_SKIP_INFRA_UP=1 Ingestion__Database__ConnectionString="$(pg_role_connection "$PG_FLEET_ROLE")" \
    Ingestion__Database__LedgerConnectionString="$(pg_role_connection "$PG_LEDGER_ROLE")" \
    Ingestion__Database__OwnerConnectionString="$(pg_role_connection "$PG_OWNER_ROLE")" \
    MEMORY_VHOST=bench-memory MEMORY_SCHEMA=bench_memory MEMORY_WORK="$work/memory" \
    bash scripts/measure-memory.sh $memory_mb | tee /dev/stderr | grep -E 'peak RSS')
fi

say "summary"
echo "(a) $raw_line"
echo "(a) $floor_line"
echo
echo "(b) pipeline: $documents born-digital PDFs (text layer, no OCR) from $sites sites, submitted at once, $workers worker processes"
echo "$report" | sed -n '1,/^$/p' | sed '$d'
echo "$cpu_line"
echo "$report" | sed -n '/^$/,$p'
if [[ -n $open_loop ]]; then
  echo
  echo "(d) open loop: $arrivals one-document packets at ${rate}/s for $open_loop_seconds s (half the burst's throughput)"
  echo "$open_loop"
fi
if [[ -n $history ]]; then
  echo
  echo "(e) history: the burst again on a ledger pre-filled with $history_entries entries (compare with (b)'s throughput)"
  echo "    first checkpoint of the filled ledger, before the burst: $first_checkpoint s"
  echo "$history"
  echo "$history_receipts"
fi
if [[ -n $memory ]]; then
  echo
  echo "(c) memory"
  echo "$memory"
fi
echo
echo "raw output kept in $result"
