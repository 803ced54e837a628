# shellcheck shell=bash
# The scripts' one library: the private infrastructure (infra-up.sh, infra-down.sh), output helpers, the `ingest`
# invocation, namespace resets and reading the system through `ingest … --json`. Source it; do not run it.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
LOCAL_DIR="$REPO_ROOT/.local"

AMQP_PORT="${INGESTION_AMQP_PORT:-5673}"
MGMT_PORT="${INGESTION_MGMT_PORT:-15673}"
DIST_PORT="${INGESTION_DIST_PORT:-25673}"
EPMD_PORT="${INGESTION_EPMD_PORT:-4371}"
PG_PORT="${INGESTION_PG_PORT:-5433}"

RABBIT_BIN=/usr/lib/rabbitmq/bin
RABBIT_DIR="$LOCAL_DIR/rabbitmq"
RABBIT_NODE=ingest@localhost
RABBIT_PID_FILE="$RABBIT_DIR/rabbit.pid"
RABBIT_LOG="$RABBIT_DIR/log/$RABBIT_NODE.log"

PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$LOCAL_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_SOCK="$PG_DIR/run"
PG_LOG="$PG_DIR/log"
PG_OWNER_ROLE=ingestion_owner
PG_FLEET_ROLE=ingestion_fleet

# pg_role_connection <role>: the Npgsql connection string of the private cluster's ingestion database as that role.
pg_role_connection() {
  printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=ingestion' "$PG_PORT" "$1" "$1"
}

# Output: say = a step of the script's story (standard output), log = a remark (standard error), die = stop.
# Each script sets LOG_TAG to its own name.
LOG_TAG=${LOG_TAG:-infra}
say() { printf '\n[%s] %s\n' "$LOG_TAG" "$*"; }
log() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2; exit 1; }

# wait_until <seconds> <description> <command...>: retry command every 0.5 s until it succeeds.
wait_until() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { log "timed out after ${timeout}s waiting for $what"; return 1; }
    sleep 0.5
  done
}

# rmq <tool> [args...]: run a RabbitMQ tool as root against our private node.
# HOME (and so the Erlang cookie) is changed only for this command.
rmq() {
  local tool=$1; shift
  env HOME="$RABBIT_DIR/home" \
    RABBITMQ_CONF_ENV_FILE="$RABBIT_DIR/rabbitmq-env.conf" \
    RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$RABBIT_DIR/log" \
    RABBITMQ_PID_FILE="$RABBIT_PID_FILE" \
    RABBITMQ_NODENAME="$RABBIT_NODE" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$AMQP_PORT" \
    RABBITMQ_DIST_PORT="$DIST_PORT" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    ERL_EPMD_PORT="$EPMD_PORT" \
    ERL_CRASH_DUMP="$RABBIT_DIR/log/erl_crash.dump" \
    "$RABBIT_BIN/$tool" "$@"
}

# proc_alive <pid>: process exists and is not a zombie (kill -0 succeeds on zombies,
# and dead children can stay zombies for a while when PID 1 reaps lazily).
proc_alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) && state=${state//[[:space:]]/} && [[ -n $state && $state != Z* ]]
}

rabbit_pid_alive() {
  [[ -s $RABBIT_PID_FILE ]] && proc_alive "$(cat "$RABBIT_PID_FILE")"
}

rabbit_mgmt_up() {
  curl -fsu guest:guest -o /dev/null --max-time 5 "http://127.0.0.1:$MGMT_PORT/api/overview"
}

# pg <tool> [args...]: run a PostgreSQL 15 tool as the postgres user (initdb/pg_ctl refuse root).
pg() {
  local tool=$1; shift
  (cd / && runuser -u postgres -- "$PG_BIN/$tool" "$@")
}

pg_running() {
  [[ -f $PG_DATA/PG_VERSION && -s $PG_DATA/postmaster.pid ]] && proc_alive "$(head -n1 "$PG_DATA/postmaster.pid")" \
    && pg pg_ctl status -D "$PG_DATA" >/dev/null 2>&1
}

up_message() {
  echo "infra up: RabbitMQ amqp://127.0.0.1:$AMQP_PORT (management http://127.0.0.1:$MGMT_PORT), PostgreSQL 127.0.0.1:$PG_PORT db=ingestion; env: source $LOCAL_DIR/env.sh"
}

# ---------- the system, for the scripts that use it ----------

# use_infra: start (or find) the private broker and database and export their Ingestion__… settings. With
# INGESTION_SKIP_INFRA_UP=1 the caller has exported them already (scripts/bench.sh hands its own to measure-memory.sh).
use_infra() {
  if [[ ${INGESTION_SKIP_INFRA_UP:-0} == 1 ]]; then
    [[ -n ${Ingestion__RabbitMq__Port:-} ]] || die "INGESTION_SKIP_INFRA_UP=1 needs the Ingestion__… variables exported (source an env.sh)"
    return 0
  fi
  bash "$REPO_ROOT/scripts/infra-up.sh"
  # shellcheck source=/dev/null
  source "$LOCAL_DIR/env.sh"
}

INGEST_DLL="$REPO_ROOT/Ingestion.Host/bin/Release/net10.0/ingest.dll"
INGEST_LAB_DLL="$REPO_ROOT/Ingestion.Lab/bin/Release/net10.0/ingest-lab.dll"

# build_ingest: build the solution (Release) once per run; a script that calls another passes INGEST_BUILT=1 on.
build_ingest() {
  [[ ${INGEST_BUILT:-0} == 1 && -f $INGEST_DLL ]] && return 0
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (dotnet not on PATH)"
  dotnet build "$REPO_ROOT/Ingestion.sln" -c Release --nologo -v quiet -clp:ErrorsOnly >&2 || die "the build failed"
  export INGEST_BUILT=1
}

# ingest ARGS…: the `ingest` command line (exit codes in the README). ingest_lab ARGS…: the benchmarks' `ingest-lab`.
ingest() { build_ingest; dotnet "$INGEST_DLL" "$@"; }
ingest_lab() { build_ingest; dotnet "$INGEST_LAB_DLL" "$@"; }

# json_query EXPR: reads one JSON document on standard input and prints Python expression EXPR over it (bound to j);
# a list prints one item a line. For the `--json` output of the commands, without jq:
#   ingest review list --json | json_query '[d["correlationId"] for d in j["documents"]]'
json_query() {
  python3 -c '
import json, sys
j = json.load(sys.stdin)
result = eval(sys.argv[1], {"j": j})
for item in (result if isinstance(result, list) else [result]):
    print(item)' "$1"
}

# psql_superuser SQL [DATABASE]: an operator's statement on the private cluster (a reset, the server's own statistics;
# never the fleet's tables: those are read through `ingest … --json`).
psql_superuser() {
  psql -X -qtA -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$PG_PORT user=postgres dbname=${2:-ingestion}" -c "$1"
}

# fresh_vhost VHOST: delete the virtual host with everything in it and create it empty, with the guest user's rights.
fresh_vhost() {
  local api="http://127.0.0.1:$MGMT_PORT/api"
  curl -sf -u guest:guest -X DELETE "$api/vhosts/$1" >/dev/null || true
  curl -sf -u guest:guest -X PUT "$api/vhosts/$1" >/dev/null || die "could not create virtual host $1"
  curl -sf -u guest:guest -X PUT -H 'content-type: application/json' \
    -d '{"configure":".*","write":".*","read":".*"}' "$api/permissions/$1/guest" >/dev/null || die "could not grant guest on $1"
}

# reset_namespace VHOST SCHEMA [FOLDER] [DATABASE]: a run's own namespace, empty: the virtual host anew, the schema
# dropped and migrated again with `ingest migrate` (as the owner in Ingestion__Database__OwnerConnectionString), the
# folder wiped. The drop is an operator's act (a schema left by an older run may belong to postgres); the fleet never
# drops anything.
reset_namespace() {
  local vhost=$1 schema=$2 folder=${3:-} database=${4:-ingestion}
  fresh_vhost "$vhost"
  psql_superuser "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" "$database" >/dev/null
  if [[ -n $folder ]]; then
    if [[ -d $folder ]]; then chmod -R u+w "$folder"; rm -rf "$folder"; fi
    mkdir -p "$folder"
  fi
  Ingestion__Database__Schema=$schema ingest migrate
}

# queue_consumers VHOST QUEUE: how many consumers a queue has (0 if it does not exist yet).
queue_consumers() {
  curl -sf -u guest:guest "http://127.0.0.1:$MGMT_PORT/api/queues/$1/$2" | grep -o '"consumers":[0-9]*' | cut -d: -f2 || echo 0
}

# start_worker ID LOGFILE [ARGS…]: an `ingest worker` in the background (its pid, the dotnet process's own, is added
# to FLEET_PIDS); stop_fleet stops exactly those, and suits a trap.
FLEET_PIDS=()
start_worker() {
  local id=$1 logfile=$2; shift 2
  build_ingest
  dotnet "$INGEST_DLL" worker --worker-id "$id" "$@" >"$logfile" 2>&1 &
  FLEET_PIDS+=($!)
}
stop_fleet() {
  ((${#FLEET_PIDS[@]})) || return 0
  kill "${FLEET_PIDS[@]}" 2>/dev/null || true
  wait "${FLEET_PIDS[@]}" 2>/dev/null || true
  FLEET_PIDS=()
}
