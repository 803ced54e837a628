#!/usr/bin/env bash
# Failure drills on the private servers of scripts/infra-up.sh --cluster N / --standby. Each command prints how long it
# took. The functions behind them are in scripts/lib.sh, for drill scripts that source it.
#   scripts/infra-ctl.sh status
#   scripts/infra-ctl.sh rabbit-stop N | rabbit-kill N | rabbit-start N    one cluster node (1 = the fleet's Host/Port)
#   scripts/infra-ctl.sh rabbit-rolling-restart                           every node in turn, keeping quorum
#   scripts/infra-ctl.sh rabbit-leaders [VHOST] | rabbit-busiest [VHOST]  queue leaders per node; the node leading most
#   scripts/infra-ctl.sh pg-primary                                       which PostgreSQL node is the primary (1 or 2)
#   scripts/infra-ctl.sh pg-stop-primary                                  pg_ctl stop -m immediate on the primary
#   scripts/infra-ctl.sh pg-promote                                       pg_ctl promote on the standby
#   scripts/infra-ctl.sh pg-stop N | pg-start N | pg-reseed N             one PostgreSQL node; reseed = new base backup
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $EUID -eq 0 ]] || die "run as root"

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
command=${1:-}
arg=${2:-}
node_arg() {
  [[ $arg =~ ^[1-9][0-9]*$ ]] || usage
  echo "$arg"
}
started=$EPOCHREALTIME
took() { log "$command ${arg:+$arg }took $(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}') s"; }

case $command in
  status)
    for n in $(rabbit_known_nodes); do
      if rabbit_node_alive "$n"; then state="running (pid $(rabbit_node_pid "$n"))"; else state=down; fi
      printf 'rabbitmq node %s %s amqp 127.0.0.1:%s management %s %s\n' "$n" "$(rabbit_node_name "$n")" \
        "$(rabbit_node_port "$AMQP_PORT" "$n")" "$(rabbit_node_port "$MGMT_PORT" "$n")" "$state"
    done
    if json=$(rabbit_cluster_json) && [[ -n $json ]]; then
      jq -r '"rabbitmq cluster: \(.running_nodes | length) of \(.disk_nodes | length) members running"' <<<"$json"
    fi
    pg_status
    ;;
  rabbit-stop) rabbit_node_stop "$(node_arg)"; took ;;
  rabbit-kill) rabbit_node_kill "$(node_arg)"; took ;;
  rabbit-start) rabbit_node_start "$(node_arg)" || die "the node did not come up"; took ;;
  rabbit-rolling-restart) rabbit_rolling_restart || die "the rolling restart stopped"; took ;;
  rabbit-leaders) rabbit_queue_leaders "$arg" ;;
  rabbit-busiest) rabbit_busiest_node "$arg" ;;
  pg-primary) pg_primary_node || die "no PostgreSQL primary is running" ;;
  pg-stop-primary)
    primary=$(pg_primary_node) || die "no PostgreSQL primary is running"
    pg_node_stop "$primary" immediate
    took
    ;;
  pg-promote)
    primary=$(pg_primary_node) && die "PostgreSQL node $primary is still the primary; stop it first (pg-stop-primary)"
    for n in 1 2; do pg_node_in_recovery "$n" && standby=$n; done
    [[ -n ${standby:-} ]] || die "no PostgreSQL standby is running"
    pg_node_promote "$standby"
    took
    ;;
  pg-stop) pg_node_stop "$(node_arg)" fast; took ;;
  pg-start) pg_node_start "$(node_arg)"; ((PG_STANDBY == 0)) || pg_apply_sync_setting; took ;;
  pg-reseed) pg_seed_standby "$(node_arg)"; pg_apply_sync_setting; took ;;
  *) usage ;;
esac
