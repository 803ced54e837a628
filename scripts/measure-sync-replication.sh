#!/usr/bin/env bash
# What a commit costs when it waits for the standby: pgbench's simple-update transaction (one UPDATE, one SELECT, one
# INSERT) on the primary with synchronous_commit = local (the standby is not waited for), remote_write (the standby
# received it), on (the standby flushed it) and remote_apply (the standby's readers see it).
#   scripts/measure-sync-replication.sh [--clients "1 4"] [--seconds 15] [--scale 10]
# Needs scripts/infra-up.sh --sync-standby (a streaming standby named in synchronous_standby_names). Works in a
# database of its own, pgbench, dropped at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
clients="1 4" seconds=15 scale=10
while (($#)); do
  case $1 in
    --clients) clients=$2; shift ;;
    --seconds) seconds=$2; shift ;;
    --scale) scale=$2; shift ;;
    *) die "usage: $0 [--clients \"1 4\"] [--seconds N] [--scale N]" ;;
  esac
  shift
done
((PG_STANDBY && PG_SYNC_STANDBY)) || die "needs a synchronous standby: scripts/infra-up.sh --sync-standby"
bash scripts/infra-up.sh >/dev/null
primary=$(pg_primary_node) || die "no PostgreSQL primary is running"
port=$(pg_node_port "$primary")
[[ -n $(pg_node_psql "$primary" -tAc 'show synchronous_standby_names') ]] || die "no synchronous standby streams"

pg_node_psql "$primary" -c 'set client_min_messages = warning' -c 'drop database if exists pgbench' -c 'create database pgbench' >/dev/null
trap 'pg_node_psql "$primary" -c "drop database if exists pgbench" >/dev/null 2>&1 || true' EXIT
PGPASSFILE=$(pg_superuser_passfile) "$PG_BIN/pgbench" -h 127.0.0.1 -p "$port" -U postgres -i -q -s "$scale" pgbench >/dev/null 2>&1

printf 'pgbench simple-update, scale %s, %s s per run, primary node %s, load average %s\n' \
  "$scale" "$seconds" "$primary" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-18s %10s %14s\n' clients synchronous_commit tps "latency ms"
for c in $clients; do
  for mode in local remote_write on remote_apply; do
    out=$(PGOPTIONS="-c synchronous_commit=$mode" PGPASSFILE=$(pg_superuser_passfile) "$PG_BIN/pgbench" -h 127.0.0.1 -p "$port" -U postgres -n \
      -b simple-update -c "$c" -j "$(( c < 2 ? c : 2 ))" -T "$seconds" pgbench 2>&1)
    tps=$(awk '/^tps = / {print $3; exit}' <<<"$out")
    latency=$(awk '/^latency average = / {print $4; exit}' <<<"$out")
    printf '%-8s %-18s %10.0f %14s\n' "$c" "$mode" "$tps" "$latency"
  done
done
