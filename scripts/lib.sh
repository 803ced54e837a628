# shellcheck shell=bash
# Shared helpers for infra-up.sh / infra-down.sh. Source it; do not run it.

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

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

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
