#!/usr/bin/env bash
# Stop the private RabbitMQ node(s) and PostgreSQL cluster(s) started by infra-up.sh: every cluster node, the primary
# and the standby. Keeps data (and the topology) unless --purge is given, which deletes them all.
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

# The members first and node 1 last, one at a time, so that the cluster's last node down is the fleet's first.
nodes=$(rabbit_known_nodes | sort -rn)
for n in $nodes; do
  if ((n == 1)) && ! rabbit_node_alive 1; then log "RabbitMQ not running"; continue; fi
  rabbit_node_stop "$n"
done
# Our private epmd outlives the node; -kill only succeeds if no node is registered with it.
if command -v epmd >/dev/null; then
  ERL_EPMD_ADDRESS=127.0.0.1 epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true
fi

# The primary first: a fast shutdown sends the standby all WAL up to its shutdown checkpoint, and a synchronous primary
# would block its last commits if the standby went first.
if pg_node_has_data 2; then
  primary=$(pg_primary_node || echo 1)
  pg_node_stop "$primary" fast
  pg_node_stop $((3 - primary)) fast
elif pg_running; then
  log "stopping PostgreSQL"
  pg pg_ctl stop -D "$PG_DATA" -m fast -w >/dev/null
else
  log "PostgreSQL not running"
fi

if ((purge)); then
  stale=("$RABBIT_DIR" "$LOCAL_DIR"/rabbitmq-node* "$PG_DIR" "$PG_STANDBY_DIR" "$PG_REPLICATION_DIR" "$TOPOLOGY_FILE")
  log "purging ${stale[*]}"
  rm -rf -- "${stale[@]}"
fi
echo "infra down"
