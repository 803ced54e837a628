#!/usr/bin/env bash
# Stop the private RabbitMQ node and PostgreSQL cluster started by infra-up.sh.
# Keeps data unless --purge is given (then deletes .local/rabbitmq and .local/postgres).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

purge=0
for arg in "$@"; do
  case $arg in
    --purge) purge=1 ;;
    *) die "usage: $0 [--purge]" ;;
  esac
done
[[ $EUID -eq 0 ]] || die "run as root"

if rabbit_pid_alive; then
  pid=$(cat "$RABBIT_PID_FILE")
  log "stopping RabbitMQ (pid $pid)"
  if ! rmq rabbitmqctl shutdown --timeout 60 >/dev/null 2>&1 </dev/null; then
    log "rabbitmqctl shutdown failed; sending SIGTERM to $pid"
    kill "$pid" 2>/dev/null || true
    pid_gone() { ! proc_alive "$pid"; }
    wait_until 30 "RabbitMQ to exit" pid_gone || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$RABBIT_PID_FILE"
else
  log "RabbitMQ not running"
fi
# Our private epmd outlives the node; -kill only succeeds if no node is registered with it.
if command -v epmd >/dev/null; then
  ERL_EPMD_ADDRESS=127.0.0.1 epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true
fi

if pg_running; then
  log "stopping PostgreSQL"
  pg pg_ctl stop -D "$PG_DATA" -m fast -w >/dev/null
else
  log "PostgreSQL not running"
fi

if ((purge)); then
  log "purging $RABBIT_DIR and $PG_DIR"
  rm -rf -- "$RABBIT_DIR" "$PG_DIR"
fi
echo "infra down"
