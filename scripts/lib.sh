# shellcheck shell=bash
# The scripts' one library: the private infrastructure (infra-up.sh, infra-down.sh), output helpers, the `ingest`
# invocation, namespace resets and reading the system through `ingest … --json`. Source it; do not run it.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# Where the private servers keep their data, topology and env.sh. INGESTION_LOCAL_DIR gives a second, separate set (the
# cluster drills' own, beside the suite's) its own folder; with its own ports it never touches the default one.
LOCAL_DIR="${INGESTION_LOCAL_DIR:-$REPO_ROOT/.local}"
[[ $LOCAL_DIR == /* ]] || LOCAL_DIR="$PWD/$LOCAL_DIR"

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
PG_LEDGER_ROLE=ingestion_ledger
# Every role's password, generated once, one file each (mode 0600 in a folder of mode 0700): the cluster authenticates
# with scram-sha-256 everywhere. pgpass is the superuser's passfile, for the scripts' own psql (never a product process).
SECRETS_DIR="$LOCAL_DIR/secrets"
PG_SUPERUSER_PASSFILE="$SECRETS_DIR/pgpass"

# The topology infra-up.sh --cluster N / --standby / --sync-standby built. It is kept beside the data it describes and
# read by every later run: a node's data remembers its cluster and its replication, so the same nodes must come back
# (a clustered RabbitMQ node started alone waits minutes for its peers). infra-down.sh --purge forgets it.
TOPOLOGY_FILE="$LOCAL_DIR/topology"
RABBIT_CLUSTER_SIZE=1
PG_STANDBY=0
PG_SYNC_STANDBY=0
# shellcheck source=/dev/null
[[ -f $TOPOLOGY_FILE ]] && source "$TOPOLOGY_FILE"

PG_STANDBY_DIR="$LOCAL_DIR/postgres-standby"
PG_REPLICATION_ROLE=ingestion_replicator
PG_REPLICATION_DIR="$LOCAL_DIR/postgres-replication"
PG_PASSFILE="$PG_REPLICATION_DIR/pgpass"
PG_STANDBY_NAME=ingestion_standby

# generated_secret <name>: the password in $SECRETS_DIR/<name>.password (0600, in a 0700 folder), 24 random bytes in hex
# generated the first time; the one place every generated password comes from.
generated_secret() {
  local file="$SECRETS_DIR/$1.password"
  if [[ ! -s $file ]]; then
    (umask 077 && mkdir -p "$SECRETS_DIR" && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' > "$file.new" && mv "$file.new" "$file")
  fi
  chmod 700 "$SECRETS_DIR"
  chmod 600 "$file"
  cat "$file"
}

# pg_role_password <role>: the role's password, in $SECRETS_DIR/<role>.password.
pg_role_password() { generated_secret "$1"; }

# pg_superuser_passfile: writes the superuser's passfile (for psql and pgbench run by the scripts) and prints its path.
pg_superuser_passfile() {
  local password
  password=$(pg_role_password postgres)
  (umask 077 && printf '127.0.0.1:*:*:postgres:%s\nlocalhost:*:*:postgres:%s\n' "$password" "$password" > "$PG_SUPERUSER_PASSFILE")
  echo "$PG_SUPERUSER_PASSFILE"
}

# pg_role_connection <role> [database]: the Npgsql connection string of the private cluster's ingestion database (or the
# one named) as that role, with its generated password. With a standby it names both servers (Npgsql's host:port list)
# and asks for the primary, so that a client finds whichever of the two has been promoted.
pg_role_connection() {
  local password database=${2:-ingestion}
  password=$(pg_role_password "$1")
  if ((PG_STANDBY)); then
    printf 'Host=%s;Username=%s;Password=%s;Database=%s;Target Session Attributes=primary' \
      "$(pg_node_hosts)" "$1" "$password" "$database"
  else
    printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s' "$PG_PORT" "$1" "$password" "$database"
  fi
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

# rmq <tool> [args...]: run a RabbitMQ tool as root against our private node (node 1 of a cluster).
rmq() { rmq_node 1 "$@"; }

# Several VMs share two cores: their schedulers must not spin while idle (the default busy wait), or three idle nodes
# keep the cores busy.
rabbit_cluster_erl_args() { ((RABBIT_CLUSTER_SIZE == 1)) || echo ' +sbwt none +sbwtdcpu none +sbwtdio none'; }

# rmq_node <n> <tool> [args...]: the same against cluster node n. Every node shares one HOME, so one Erlang cookie;
# HOME (and so the cookie) is changed only for this command.
rmq_node() {
  local n=$1 tool=$2; shift 2
  local dir
  dir=$(rabbit_node_dir "$n")
  env HOME="$RABBIT_DIR/home" \
    RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" \
    RABBITMQ_LOG_BASE="$dir/log" \
    RABBITMQ_PID_FILE="$dir/rabbit.pid" \
    RABBITMQ_NODENAME="$(rabbit_node_name "$n")" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$(rabbit_node_port "$AMQP_PORT" "$n")" \
    RABBITMQ_DIST_PORT="$(rabbit_node_port "$DIST_PORT" "$n")" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}$(rabbit_cluster_erl_args)" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    ERL_EPMD_PORT="$EPMD_PORT" \
    ERL_CRASH_DUMP="$dir/log/erl_crash.dump" \
    "$RABBIT_BIN/$tool" "$@"
}

# proc_alive <pid>: process exists and is not a zombie (kill -0 succeeds on zombies,
# and dead children can stay zombies for a while when PID 1 reaps lazily).
proc_alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) && state=${state//[[:space:]]/} && [[ -n $state && $state != Z* ]]
}

rabbit_pid_alive() { rabbit_node_alive 1; }

rabbit_mgmt_up() { rabbit_node_mgmt_up 1; }

# pg <tool> [args...]: run a PostgreSQL 15 tool as the postgres user (initdb/pg_ctl refuse root).
pg() {
  local tool=$1; shift
  (cd / && runuser -u postgres -- "$PG_BIN/$tool" "$@")
}

pg_running() {
  [[ -f $PG_DATA/PG_VERSION && -s $PG_DATA/postmaster.pid ]] && proc_alive "$(head -n1 "$PG_DATA/postmaster.pid")" \
    && pg pg_ctl status -D "$PG_DATA" >/dev/null 2>&1
}

# ---------- RabbitMQ cluster nodes (infra-up.sh --cluster N) ----------
# Node 1 is the single node of the default set-up (its folder, name and ports); node n adds n-1 to each base port and
# keeps its data in .local/rabbitmq-node<n>. All nodes register with one private epmd (EPMD_PORT).

rabbit_node_name() { if (($1 == 1)); then echo "$RABBIT_NODE"; else echo "ingest$1@localhost"; fi; }
rabbit_node_dir() { if (($1 == 1)); then echo "$RABBIT_DIR"; else echo "$LOCAL_DIR/rabbitmq-node$1"; fi; }
rabbit_node_port() { echo $(($1 + $2 - 1)); }   # <base port> <n>
rabbit_node_pid() { cat "$(rabbit_node_dir "$1")/rabbit.pid" 2>/dev/null; }

# rabbit_node_index <node name>: n of ingest<n>@localhost (1 for ingest@localhost).
rabbit_node_index() {
  local name=${1%@*}
  [[ $1 == "$RABBIT_NODE" ]] && { echo 1; return; }
  [[ $name =~ ^ingest([0-9]+)$ ]] && echo "${BASH_REMATCH[1]}"
}

# rabbit_known_nodes: node 1 and every node that has a data folder or is in the topology (for stopping them all).
rabbit_known_nodes() {
  local n dir max=$RABBIT_CLUSTER_SIZE
  for dir in "$LOCAL_DIR"/rabbitmq-node*; do
    [[ -d $dir && ${dir##*rabbitmq-node} =~ ^[0-9]+$ ]] && ((${dir##*rabbitmq-node} > max)) && max=${dir##*rabbitmq-node}
  done
  for ((n = 1; n <= max; n++)); do echo "$n"; done
}

rabbit_node_alive() {
  local pid
  pid=$(rabbit_node_pid "$1") && [[ -n $pid ]] && proc_alive "$pid"
}

# rabbit_node_mgmt_up <n>: node n's management API answers (200, or 401 to no credential): it needs no user, so that a
# node made before its users were is found up all the same.
rabbit_node_mgmt_up() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$(rabbit_node_port "$MGMT_PORT" "$1")/api/overview")
  [[ $code == 200 || $code == 401 ]]
}

# The cookie is written before any node boots: nodes started together would otherwise each write their own.
rabbit_ensure_cookie() {
  local cookie="$RABBIT_DIR/home/.erlang.cookie"
  mkdir -p "$RABBIT_DIR/home"
  chmod 700 "$RABBIT_DIR/home"
  [[ -s $cookie ]] && return
  (umask 077 && od -An -tx1 -N20 /dev/urandom | tr -d ' \n' | tr a-f A-F > "$cookie")
  chmod 400 "$cookie"
}

rabbit_node_configure() {
  local n=$1 dir
  dir=$(rabbit_node_dir "$n")
  mkdir -p "$dir"/{mnesia,log}
  : > "$dir/rabbitmq-env.conf"   # don't pick up /etc/rabbitmq/rabbitmq-env.conf
  rm -f "$dir/rabbitmq.conf"
  touch "$dir/rabbitmq.conf"
  chmod 600 "$dir/rabbitmq.conf"
  cat >> "$dir/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$(rabbit_node_port "$AMQP_PORT" "$n")
management.tcp.ip = 127.0.0.1
management.tcp.port = $(rabbit_node_port "$MGMT_PORT" "$n")
default_vhost = /
loopback_users = none
disk_free_limit.absolute = 50MB
CONF
  # The user a node creates when its database is new: the administrator, never guest. Its password is in this file
  # (0600) and in .local/secrets; a node that joins a cluster takes the cluster's users instead.
  cat >> "$dir/rabbitmq.conf" <<CONF
default_user = $RABBIT_ADMIN_USER
default_pass = $(rabbit_secret "$RABBIT_ADMIN_USER")
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.write = .*
default_permissions.read = .*
CONF
  if ((RABBIT_CLUSTER_SIZE > 1)); then
    echo 'cluster_name = ingestion' >> "$dir/rabbitmq.conf"
    # A node cut off from the majority stops serving rather than accepting work the others never see.
    ((RABBIT_CLUSTER_SIZE < 3)) || echo 'cluster_partition_handling = pause_minority' >> "$dir/rabbitmq.conf"
  fi
  echo '[rabbitmq_management].' > "$dir/enabled_plugins"
}

# rabbit_node_launch <n>: start node n detached (a no-op when it runs); rabbit_node_await waits for it.
# Launch every node of a cluster before awaiting any: a restarted member waits for its peers before it is up.
rabbit_node_launch() {
  local n=$1 dir
  dir=$(rabbit_node_dir "$n")
  rabbit_ensure_cookie
  rabbit_node_configure "$n"   # also when it runs: a node that joins a cluster takes the cluster's settings at its next start
  if rabbit_node_alive "$n"; then
    log "RabbitMQ node $(rabbit_node_name "$n") running (pid $(rabbit_node_pid "$n")), waiting for it"
    return
  fi
  rm -f "$dir/rabbit.pid"
  log "starting RabbitMQ node $(rabbit_node_name "$n") (amqp $(rabbit_node_port "$AMQP_PORT" "$n"), management" \
    "$(rabbit_node_port "$MGMT_PORT" "$n"), dist $(rabbit_node_port "$DIST_PORT" "$n"), epmd $EPMD_PORT)"
  # Redirect: the detached VM (and epmd) must not hold the caller's stdout/stderr open.
  rmq_node "$n" rabbitmq-server -detached >>"$dir/log/startup.log" 2>&1 </dev/null
}

rabbit_node_await() {
  local n=$1 timeout=${2:-120} dir
  dir=$(rabbit_node_dir "$n")
  local deadline=$((SECONDS + timeout))
  if ! rmq_node "$n" rabbitmqctl wait --timeout "$timeout" "$dir/rabbit.pid" >>"$dir/log/startup.log" 2>&1 </dev/null \
     || ! wait_until $((deadline > SECONDS ? deadline - SECONDS : 1)) "RabbitMQ management API" rabbit_node_mgmt_up "$n"; then
    log "RabbitMQ node $(rabbit_node_name "$n") did not come up. Last lines of its log:"
    tail -n 40 "$dir/log/$(rabbit_node_name "$n").log" >&2 2>/dev/null || true
    tail -n 20 "$dir/log/startup.log" >&2 2>/dev/null || true
    return 1
  fi
}

# rabbit_node_start <n>: start node n again (after a stop or a kill) and wait until it serves; a member rejoins its
# cluster by itself.
rabbit_node_start() { rabbit_node_launch "$1" && rabbit_node_await "$1" "${2:-120}"; }

# rabbit_node_stop <n>: a clean shutdown of node n's VM (SIGTERM, then SIGKILL, when rabbitmqctl cannot reach it).
rabbit_node_stop() {
  local n=$1 pid
  if ! rabbit_node_alive "$n"; then
    log "RabbitMQ node $(rabbit_node_name "$n") not running"
    return 0
  fi
  pid=$(rabbit_node_pid "$n")
  log "stopping RabbitMQ node $(rabbit_node_name "$n") (pid $pid)"
  if ! rmq_node "$n" rabbitmqctl shutdown --timeout 60 >/dev/null 2>&1 </dev/null; then
    log "rabbitmqctl shutdown failed; sending SIGTERM to $pid"
    kill "$pid" 2>/dev/null || true
    wait_until 30 "RabbitMQ to exit" rabbit_pid_gone "$pid" || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$(rabbit_node_dir "$n")/rabbit.pid"
}

# rabbit_node_kill <n>: kill -9 node n's VM, as a crash would (the data folder and the pid file stay).
rabbit_node_kill() {
  local n=$1 pid
  rabbit_node_alive "$n" || { log "RabbitMQ node $(rabbit_node_name "$n") not running"; return 0; }
  pid=$(rabbit_node_pid "$n")
  log "kill -9 RabbitMQ node $(rabbit_node_name "$n") (pid $pid)"
  kill -9 "$pid"
  wait_until 30 "RabbitMQ to die" rabbit_pid_gone "$pid"
}

rabbit_pid_gone() { ! proc_alive "$1"; }

# rabbit_cluster_json [n]: rabbitmqctl cluster_status as JSON, asked of node n (default: the first node that runs).
rabbit_cluster_json() {
  local n=${1:-}
  if [[ -z $n ]]; then
    for n in $(rabbit_known_nodes); do rabbit_node_alive "$n" && break; done
  fi
  rmq_node "$n" rabbitmqctl cluster_status --formatter json 2>/dev/null </dev/null
}

rabbit_running_node_count() { rabbit_cluster_json "$@" | jq '.running_nodes | length'; }

# rabbit_node_joined <n>: node n counts node 1 among its cluster's members.
rabbit_node_joined() {
  rabbit_cluster_json "$1" | jq -e --arg seed "$RABBIT_NODE" 'any(.disk_nodes[]; . == $seed)' >/dev/null
}

# rabbit_node_join <n>: make node n (running) a member of node 1's cluster; a no-op when it is one.
rabbit_node_join() {
  local n=$1
  rabbit_node_joined "$n" && return 0
  log "joining $(rabbit_node_name "$n") to $RABBIT_NODE's cluster"
  # Into the node's log: join_cluster reports the tracking tables of the node it just stopped as errors.
  local out
  out="$(rabbit_node_dir "$n")/log/startup.log"
  rmq_node "$n" rabbitmqctl stop_app >>"$out" 2>&1 </dev/null \
    && rmq_node "$n" rabbitmqctl join_cluster "$RABBIT_NODE" >>"$out" 2>&1 </dev/null \
    && rmq_node "$n" rabbitmqctl start_app >>"$out" 2>&1 </dev/null \
    && wait_until 60 "RabbitMQ management API" rabbit_node_mgmt_up "$n"
}

# rabbit_cluster_await [timeout]: until every node of the topology runs in one cluster.
rabbit_cluster_await() {
  cluster_complete() { [[ $(rabbit_running_node_count) == "$RABBIT_CLUSTER_SIZE" ]]; }
  wait_until "${1:-120}" "$RABBIT_CLUSTER_SIZE running cluster nodes" cluster_complete
}

# rabbit_rolling_restart: stop and start one node after the other. Before each stop it waits until no quorum queue
# would lose its majority, and after each start until the whole cluster runs again.
rabbit_rolling_restart() {
  local n started
  for ((n = 1; n <= RABBIT_CLUSTER_SIZE; n++)); do
    wait_until 120 "$(rabbit_node_name "$n") to be safe to stop" \
      rmq_node "$n" rabbitmq-queues check_if_node_is_quorum_critical || return 1
    started=$SECONDS
    rabbit_node_stop "$n"
    rabbit_node_start "$n" || return 1
    rabbit_cluster_await 120 || return 1
    log "$(rabbit_node_name "$n") back in the cluster $((SECONDS - started)) s after its stop began"
  done
}

# rabbit_queue_leaders [vhost]: "<queues> <node>" per node, most first: where each queue's leader (quorum queues)
# or home (classic queues) is, from the management API of the first node that answers.
rabbit_queue_leaders() {
  local n path=/api/queues
  [[ -n ${1:-} ]] && path="$path/$(jq -rn --arg v "$1" '$v | @uri')"
  for n in $(rabbit_known_nodes); do
    rabbit_node_alive "$n" || continue
    RABBIT_API_NODE=$n rabbit_api GET "${path#/api/}?columns=name,node,leader,type" \
      | jq -r 'map(.leader // .node) | group_by(.) | map("\(length) \(.[0])") | .[]' | sort -rn
    return "${PIPESTATUS[0]}"
  done
  return 1
}

# rabbit_busiest_node [vhost]: the index n of the node that leads the most queues (the one a drill should kill).
rabbit_busiest_node() {
  local name
  name=$(rabbit_queue_leaders "$@" | awk 'NR == 1 {print $2}')
  [[ -n $name ]] && rabbit_node_index "$name"
}

# rabbit_node_list [base port]: the fleet's Ingestion:RabbitMq:Nodes value, host:port of every node (with MGMT_PORT:
# Ingestion:RabbitMq:ManagementNodes).
rabbit_node_list() {
  local n list="" base=${1:-$AMQP_PORT}
  for ((n = 1; n <= RABBIT_CLUSTER_SIZE; n++)); do list+="${list:+,}127.0.0.1:$(rabbit_node_port "$base" "$n")"; done
  echo "$list"
}

# ---------- RabbitMQ users: no guest, one user per party ----------
# Each password is generated once into .local/secrets/rabbitmq-<user>.password (mode 0600, folder 0700); nothing in the
# repository holds one. Users and permissions are the cluster's, so node 1 is told and every member knows.
#   ingestion-admin     administrator: these scripts (virtual hosts, users, cluster checks) and the tests' set-up only
#   ingestion-fleet     workers and the commands that send (Ingestion:RabbitMq:Username in env.sh): configure, write and
#                       read in the product's virtual hosts, nothing elsewhere; tag management, because the fleet reads
#                       its own virtual host's queues through the management API (queue types, backlog, error queues)
#   ingestion-operator  `ingest dlq` and the management UI's dead-letter work: reads the error and skipped queues and
#                       nothing else; writes and configures nothing (a replay is a reject that the error queue's
#                       dead-letter route takes back to its input queue)
RABBIT_ADMIN_USER=ingestion-admin
RABBIT_FLEET_USER=ingestion-fleet
RABBIT_OPERATOR_USER=ingestion-operator
RABBIT_OPERATOR_READ='^.+_(error|skipped)$'

# rabbit_secret <user>: the user's password, in $SECRETS_DIR/rabbitmq-<user>.password.
rabbit_secret() { generated_secret "rabbitmq-$1"; }

# rabbit_vhost_path <vhost>: the virtual host as a management API path segment ("/" is %2F).
rabbit_vhost_path() { local v=${1//%/%25}; echo "${v//\//%2F}"; }

# rabbit_api METHOD PATH [JSON]: the management API of node RABBIT_API_NODE (default 1) as the administrator; prints
# the answer and fails on an HTTP error. The credential and the body reach curl on standard input, never on a command
# line that ps shows.
rabbit_api() {
  local method=$1 path=$2 body=${3:-} port
  port=$(rabbit_node_port "$MGMT_PORT" "${RABBIT_API_NODE:-1}")
  {
    printf 'user = "%s:%s"\n' "$RABBIT_ADMIN_USER" "$(rabbit_secret "$RABBIT_ADMIN_USER")"
    if [[ -n $body ]]; then printf 'data = "%s"\nheader = "content-type: application/json"\n' "${body//\"/\\\"}"; fi
  } | curl -K - -fs --max-time 10 -X "$method" "http://127.0.0.1:$port/api/$path"
}

# rabbit_put_user <user> <tags>: create the user or set its password (from its file) and tags again.
rabbit_put_user() {
  rabbit_api PUT "users/$1" "{\"password\":\"$(rabbit_secret "$1")\",\"tags\":\"$2\"}" >/dev/null
}

# rabbit_grant_vhost <vhost>: the rights of each party in one of the product's virtual hosts.
rabbit_grant_vhost() {
  local vhost all='{"configure":".*","write":".*","read":".*"}'
  vhost=$(rabbit_vhost_path "$1")
  rabbit_api PUT "permissions/$vhost/$RABBIT_ADMIN_USER" "$all" >/dev/null \
    && rabbit_api PUT "permissions/$vhost/$RABBIT_FLEET_USER" "$all" >/dev/null \
    && rabbit_api PUT "permissions/$vhost/$RABBIT_OPERATOR_USER" \
      "{\"configure\":\"^\$\",\"write\":\"^\$\",\"read\":\"$RABBIT_OPERATOR_READ\"}" >/dev/null
}

# rabbit_ensure_users: the administrator (set up through rabbitmqctl, whose credential is the Erlang cookie, when it
# cannot sign in: a broker made before there were users, with guest), the fleet and the operator with their passwords
# from .local/secrets, their rights on the product's virtual host, and no guest. Idempotent; it is also how a changed
# password file takes effect.
rabbit_ensure_users() {
  if ! rabbit_api GET whoami >/dev/null; then
    log "RabbitMQ: setting up the administrator $RABBIT_ADMIN_USER"
    local password
    password=$(rabbit_secret "$RABBIT_ADMIN_USER")
    # Without a password argument rabbitmqctl reads it from standard input.
    printf '%s\n' "$password" | rmq rabbitmqctl -q add_user "$RABBIT_ADMIN_USER" >/dev/null 2>&1 \
      || printf '%s\n' "$password" | rmq rabbitmqctl -q change_password "$RABBIT_ADMIN_USER" >/dev/null \
      || return 1
    rmq rabbitmqctl -q set_user_tags "$RABBIT_ADMIN_USER" administrator >/dev/null || return 1
    wait_until 30 "the RabbitMQ administrator to sign in" rabbit_api GET whoami || return 1
  fi
  rabbit_put_user "$RABBIT_FLEET_USER" management || return 1
  rabbit_put_user "$RABBIT_OPERATOR_USER" management || return 1
  if rabbit_api GET users/guest >/dev/null; then
    log "RabbitMQ: deleting user guest"
    rabbit_api DELETE users/guest >/dev/null || return 1
  fi
  rabbit_grant_vhost /
}

# ---------- PostgreSQL primary and streaming standby (infra-up.sh --standby) ----------
# Node 1 is the default cluster (.local/postgres, PG_PORT); node 2 is .local/postgres-standby on PG_PORT+1. Either can
# be the primary: after a promotion node 2 is, and node 1 is re-seeded as its standby by the next infra-up.sh.

pg_node_dir() { if (($1 == 1)); then echo "$PG_DIR"; else echo "$PG_STANDBY_DIR"; fi; }
pg_node_data() { echo "$(pg_node_dir "$1")/data"; }
pg_node_port() { echo $((PG_PORT + $1 - 1)); }

# pg_node_hosts: Npgsql's host list, "127.0.0.1:P1,127.0.0.1:P2".
pg_node_hosts() { echo "127.0.0.1:$(pg_node_port 1),127.0.0.1:$(pg_node_port 2)"; }

pg_node_has_data() { [[ -f $(pg_node_data "$1")/PG_VERSION ]]; }
pg_node_is_standby_data() { [[ -f $(pg_node_data "$1")/standby.signal ]]; }

pg_node_running() {
  local data
  data=$(pg_node_data "$1")
  [[ -f $data/PG_VERSION && -s $data/postmaster.pid ]] && proc_alive "$(head -n1 "$data/postmaster.pid")" \
    && pg pg_ctl status -D "$data" >/dev/null 2>&1
}

# pg_node_psql <n> [psql args...]: psql as the superuser on node n's postgres database.
pg_node_psql() {
  local n=$1; shift
  PGPASSFILE=$(pg_superuser_passfile) "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$(pg_node_port "$n")" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}

pg_node_in_recovery() { [[ $(pg_node_psql "$1" -tAc 'select pg_is_in_recovery()' 2>/dev/null) == t ]]; }

# pg_primary_node: the index of the running node that is not in recovery.
pg_primary_node() {
  local n
  for n in 1 2; do
    if pg_node_running "$n" && [[ $(pg_node_psql "$n" -tAc 'select pg_is_in_recovery()' 2>/dev/null) == f ]]; then
      echo "$n"
      return 0
    fi
  done
  return 1
}

pg_primary_port() { local n; n=$(pg_primary_node) && pg_node_port "$n"; }

# pg_node_timeline <n>: the latest timeline of node n's history. A promotion starts a new one; its history file is
# written at once, the control file only at the next checkpoint.
pg_node_timeline() {
  local data timeline file id
  data=$(pg_node_data "$1")
  timeline=$(pg pg_controldata -D "$data" | awk -F: '$1 == "Latest checkpoint'"'"'s TimeLineID" {gsub(/ /, "", $2); print $2}')
  for file in "$data"/pg_wal/*.history; do
    [[ -e $file ]] || continue
    id=$((16#$(basename "$file" .history)))
    ((id <= timeline)) || timeline=$id
  done
  echo "$timeline"
}

# The server options. With a standby both nodes get the replication settings, since either may be the primary.
pg_node_options() {
  local n=$1 options
  options="-c listen_addresses=127.0.0.1 -p $(pg_node_port "$n") -k $(pg_node_dir "$n")/run -c max_connections=300 -c fsync=on"
  if ((PG_STANDBY)); then
    options+=" -c wal_level=replica -c max_wal_senders=10 -c wal_keep_size=256MB -c hot_standby=on"
  fi
  echo "$options"
}

# pg_node_start <n>: start node n's server on its data folder and wait until it accepts connections.
pg_node_start() {
  local n=$1 dir data lock
  dir=$(pg_node_dir "$n")
  data=$(pg_node_data "$n")
  if pg_node_running "$n"; then
    log "PostgreSQL node $n already running"
  else
    mkdir -p "$dir/run"
    chown postgres:postgres "$dir" "$dir/run"
    # Lock files whose process is gone or a zombie (after a kill -9) would block the start.
    for lock in "$data/postmaster.pid" "$dir/run/.s.PGSQL.$(pg_node_port "$n").lock"; do
      if [[ -s $lock ]] && ! proc_alive "$(head -n1 "$lock")"; then
        log "removing stale $lock"
        rm -f "$lock"
      fi
    done
    log "starting PostgreSQL node $n on 127.0.0.1:$(pg_node_port "$n")"
    if ! pg pg_ctl start -D "$data" -l "$dir/log" -w -t 60 -o "$(pg_node_options "$n")" >/dev/null; then
      tail -n 30 "$dir/log" >&2 || true
      die "PostgreSQL node $n failed to start"
    fi
  fi
  wait_until 30 "PostgreSQL node $n to accept connections" \
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$(pg_node_port "$n")" -U postgres || die "PostgreSQL node $n not accepting connections"
}

# pg_node_stop <n> [mode]: pg_ctl stop -m fast (default) or immediate (a crash: no shutdown checkpoint).
pg_node_stop() {
  local n=$1 mode=${2:-fast}
  if pg_node_running "$n"; then
    log "stopping PostgreSQL node $n (-m $mode)"
    pg pg_ctl stop -D "$(pg_node_data "$n")" -m "$mode" -w >/dev/null
  else
    log "PostgreSQL node $n not running"
  fi
}

# pg_node_promote <n>: turn standby node n into the primary. Nothing is left to wait for, so the new primary does not
# wait for a synchronous standby either.
pg_node_promote() {
  local n=$1
  pg_node_in_recovery "$n" || die "PostgreSQL node $n is not a standby"
  log "promoting PostgreSQL node $n"
  pg pg_ctl promote -D "$(pg_node_data "$n")" -w -t 60 >/dev/null
  pg_node_psql "$n" -c 'alter system reset synchronous_standby_names' -c 'select pg_reload_conf()' >/dev/null
}

# pg_ensure_replication_role <n>: on primary node n, the role the standby streams as. Its password is generated once and
# kept only in a passfile the postgres user alone can read, which primary_conninfo names, since loopback connections
# need a password (scram-sha-256).
pg_ensure_replication_role() {
  local n=$1 password
  install -d -o postgres -g postgres -m 700 "$PG_REPLICATION_DIR"
  if [[ -s $PG_PASSFILE ]]; then
    password=$(awk -F: 'NR == 1 {print $5}' "$PG_PASSFILE")
  else
    password=$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')
    (umask 077 && printf '127.0.0.1:*:*:%s:%s\n' "$PG_REPLICATION_ROLE" "$password" > "$PG_PASSFILE")
    chown postgres:postgres "$PG_PASSFILE"
  fi
  if [[ $(pg_node_psql "$n" -tAc "select 1 from pg_roles where rolname = '$PG_REPLICATION_ROLE'") != 1 ]]; then
    log "creating role $PG_REPLICATION_ROLE"
    pg_node_psql "$n" -c "create role $PG_REPLICATION_ROLE login replication"
  fi
  # Through standard input, so that the password is never on a command line.
  printf "alter role %s password '%s';\n" "$PG_REPLICATION_ROLE" "$password" | pg_node_psql "$n" >/dev/null
}

# pg_seed_standby <n>: replace node n's data with a base backup of the running primary and start it as a streaming
# standby (pg_basebackup -R writes primary_conninfo and standby.signal).
pg_seed_standby() {
  local n=$1 primary dir data
  primary=$(pg_primary_node) || die "no primary is running to seed a standby from"
  ((primary != n)) || die "PostgreSQL node $n is the primary"
  dir=$(pg_node_dir "$n")
  data=$(pg_node_data "$n")
  pg_node_stop "$n" fast
  pg_ensure_replication_role "$primary"
  install -d -o postgres -g postgres -m 700 "$dir"
  rm -rf -- "$data"
  log "pg_basebackup of node $primary into node $n ($data)"
  pg pg_basebackup -D "$data" -X stream -R -c fast \
    -d "host=127.0.0.1 port=$(pg_node_port "$primary") user=$PG_REPLICATION_ROLE passfile=$PG_PASSFILE application_name=$PG_STANDBY_NAME" \
    || die "pg_basebackup failed"
  # The copy must not wait for a synchronous standby of its own once it is promoted, and a primary_conninfo it had as
  # a standby before gives way to the one -R appended.
  local conf="$data/postgresql.auto.conf"
  awk '/^primary_conninfo/ {conninfo = $0; next} !/^synchronous_standby_names/ {print} END {print conninfo}' "$conf" \
    > "$conf.new"
  chown postgres:postgres "$conf.new"
  chmod 600 "$conf.new"
  mv "$conf.new" "$conf"
  pg_node_start "$n"
}

# pg_apply_sync_setting: a commit on the primary waits for the standby (synchronous_standby_names) when the topology
# asks for it and a standby streams; otherwise it does not, so that losing the standby never stops the writers.
pg_apply_sync_setting() {
  local primary names=""
  primary=$(pg_primary_node) || return 0
  if ((PG_SYNC_STANDBY)) && pg_node_running $((3 - primary)) && pg_node_in_recovery $((3 - primary)); then
    names=$PG_STANDBY_NAME
  fi
  if [[ $(pg_node_psql "$primary" -tAc 'show synchronous_standby_names') != "$names" ]]; then
    log "synchronous_standby_names = '$names' on node $primary"
    if [[ -n $names ]]; then
      pg_node_psql "$primary" -c "alter system set synchronous_standby_names = '$names'" -c 'select pg_reload_conf()' >/dev/null
    else
      pg_node_psql "$primary" -c 'alter system reset synchronous_standby_names' -c 'select pg_reload_conf()' >/dev/null
    fi
  fi
}

# pg_status: one line per node (port, primary/standby/down) and the primary's view of its standbys.
pg_status() {
  local n role primary
  for n in 1 2; do
    if ! pg_node_has_data "$n"; then continue; fi
    if ! pg_node_running "$n"; then role=down
    elif pg_node_in_recovery "$n"; then role=standby
    else role=primary
    fi
    printf 'postgres node %s 127.0.0.1:%s %s\n' "$n" "$(pg_node_port "$n")" "$role"
  done
  if primary=$(pg_primary_node); then
    pg_node_psql "$primary" -tAc "select 'replication ' || application_name || ' ' || state || ' ' || sync_state
      || ' replay_lag=' || coalesce(replay_lag::text, '0') from pg_stat_replication"
  fi
}

up_message() {
  echo "infra up: RabbitMQ amqp://127.0.0.1:$AMQP_PORT (management http://127.0.0.1:$MGMT_PORT), PostgreSQL 127.0.0.1:$PG_PORT db=ingestion; env: source $LOCAL_DIR/env.sh"
  if ((RABBIT_CLUSTER_SIZE > 1)); then
    echo "  RabbitMQ cluster of $RABBIT_CLUSTER_SIZE nodes: $(rabbit_node_list)"
  fi
  if ((PG_STANDBY)); then
    echo "  PostgreSQL $( ((PG_SYNC_STANDBY)) && echo synchronous || echo asynchronous) standby: $(pg_status | paste -sd ';' | sed 's/;/; /g')"
  fi
  return 0
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
# ingest_operator ARGS…: `ingest` as the broker's operator (`ingest dlq`), instead of the fleet.
ingest() { build_ingest; dotnet "$INGEST_DLL" "$@"; }
ingest_operator() {
  build_ingest
  Ingestion__RabbitMq__Username=$RABBIT_OPERATOR_USER Ingestion__RabbitMq__Password=$(rabbit_secret "$RABBIT_OPERATOR_USER") \
    dotnet "$INGEST_DLL" "$@"
}
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
  PGPASSFILE=$(pg_superuser_passfile) psql -X -qtA -v ON_ERROR_STOP=1 "host=127.0.0.1 port=$PG_PORT user=postgres dbname=${2:-ingestion}" -c "$1"
}

# fresh_vhost VHOST: delete the virtual host with everything in it and create it empty, with the fleet's, the operator's
# and the scripts' rights (rabbit_grant_vhost).
fresh_vhost() {
  local vhost
  vhost=$(rabbit_vhost_path "$1")
  rabbit_api DELETE "vhosts/$vhost" >/dev/null || true
  rabbit_api PUT "vhosts/$vhost" >/dev/null || die "could not create virtual host $1"
  rabbit_grant_vhost "$1" || die "could not grant the fleet and the operator their rights on $1"
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
  rabbit_api GET "queues/$(rabbit_vhost_path "$1")/$2" | grep -o '"consumers":[0-9]*' | cut -d: -f2 || echo 0
}

# start_worker ID LOGFILE [ARGS…]: an `ingest worker` in the background (its pid, the dotnet process's own, is added
# to FLEET_PIDS); stop_fleet stops exactly those, and suits a trap. A worker gets neither the schema owner's nor the
# superuser's credentials: they are taken out of the environment it inherits.
FLEET_PIDS=()
start_worker() {
  local id=$1 logfile=$2; shift 2
  build_ingest
  env -u Ingestion__Database__OwnerConnectionString -u INGESTION_PG_SUPERUSER \
    dotnet "$INGEST_DLL" worker --worker-id "$id" "$@" >"$logfile" 2>&1 &
  FLEET_PIDS+=($!)
}
stop_fleet() {
  ((${#FLEET_PIDS[@]})) || return 0
  kill "${FLEET_PIDS[@]}" 2>/dev/null || true
  wait "${FLEET_PIDS[@]}" 2>/dev/null || true
  FLEET_PIDS=()
}
