#!/usr/bin/env bash
# The credentials of docker-compose.yml, generated once into .local/compose (mode 0700): each secret a file of mode 0400
# owned by the user of the container that reads it (compose mounts file secrets as they are on the host), and env.sh /
# env-cluster.sh (mode 0600) for processes on the host. Passwords written before are kept: the volumes hold users made
# with them.
# Run it as root (sudo) so that the files can be given to the containers' users; then `docker compose up -d`.
#   scripts/compose-secrets.sh [--print]    --print: list the files and their owners
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir="$LOCAL_DIR/compose"
# The users of the images docker-compose.yml runs: postgres and rabbitmq (999 in the official images), and the .NET
# images' non-root user (APP_UID 1654) that the Dockerfile runs ingest as.
postgres_uid=999 rabbitmq_uid=999 app_uid=1654

random_secret() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }

# secret <name> <owner uid> <content...>: write .local/compose/<name>.secret (again: the content derives from the kept
# passwords, so it is the same unless one of them was new).
secret() {
  local file="$dir/$1.secret" uid=$2; shift 2
  rm -f "$file"
  (umask 077 && printf '%s' "$*" > "$file")
  chmod 400 "$file"
  if ((EUID == 0)); then chown "$uid:$uid" "$file"; fi
}

# value <name>: a password written before, or a new one.
value() {
  local file="$dir/$1.secret"
  if [[ -s $file ]]; then cat "$file"; else random_secret; fi
}

if [[ ${1:-} == --print ]]; then
  ls -ln "$dir"
  exit 0
fi
((EUID == 0)) || log "not root: the secrets stay owned by you, and containers running as other users cannot read them"
mkdir -p "$dir"
chmod 700 "$dir"

cookie=$(value rabbitmq.cookie)
# The broker's users (as scripts/infra-up.sh makes them; no guest): the administrator is the node's default user, and
# every boot loads the definitions (users with salted hashes, the permissions on the product's virtual host "/"), so a
# changed password file takes effect at the next start. The administrator's password is the one kept before, when an
# older version of this script made it as the user `ingestion`.
rabbitmq_admin=$(value rabbitmq.admin)
[[ -s $dir/rabbitmq.admin.secret ]] || rabbitmq_admin=$(sed -n 's/^default_pass = //p' "$dir/rabbitmq.conf.secret" 2>/dev/null || true)
rabbitmq_admin=${rabbitmq_admin:-$(random_secret)}
rabbitmq_fleet=$(value rabbitmq.fleet)
rabbitmq_operator=$(value rabbitmq.operator)
superuser=$(value postgres.superuser)
owner=$(value postgres.owner)
fleet=$(value postgres.fleet)
ledger=$(value postgres.ledger)
replication=$(cut -d: -f5 "$dir/postgres.replication.secret" 2>/dev/null || true)
replication=${replication:-$(random_secret)}

# password_hash <password>: RabbitMQ's stored form (rabbit_password_hashing_sha256): base64(salt + sha256(salt + password))
# with 4 random bytes of salt. The password goes through standard input, not the command line.
password_hash() {
  printf '%s' "$1" | python3 -c 'import base64, hashlib, os, sys
salt = os.urandom(4)
print(base64.b64encode(salt + hashlib.sha256(salt + sys.stdin.buffer.read()).digest()).decode())'
}

secret rabbitmq.cookie "$rabbitmq_uid" "$cookie"
secret rabbitmq.admin "$rabbitmq_uid" "$rabbitmq_admin"
secret rabbitmq.fleet "$rabbitmq_uid" "$rabbitmq_fleet"
secret rabbitmq.operator "$rabbitmq_uid" "$rabbitmq_operator"
secret rabbitmq.conf "$rabbitmq_uid" "default_user = $RABBIT_ADMIN_USER
default_pass = $rabbitmq_admin
default_user_tags.administrator = true
default_vhost = /
load_definitions = /etc/rabbitmq/definitions.json
"
all='"configure": ".*", "write": ".*", "read": ".*"'
secret rabbitmq.definitions "$rabbitmq_uid" "{
  \"users\": [
    {\"name\": \"$RABBIT_ADMIN_USER\", \"password_hash\": \"$(password_hash "$rabbitmq_admin")\", \"hashing_algorithm\": \"rabbit_password_hashing_sha256\", \"tags\": [\"administrator\"]},
    {\"name\": \"$RABBIT_FLEET_USER\", \"password_hash\": \"$(password_hash "$rabbitmq_fleet")\", \"hashing_algorithm\": \"rabbit_password_hashing_sha256\", \"tags\": [\"management\"]},
    {\"name\": \"$RABBIT_OPERATOR_USER\", \"password_hash\": \"$(password_hash "$rabbitmq_operator")\", \"hashing_algorithm\": \"rabbit_password_hashing_sha256\", \"tags\": [\"management\"]}
  ],
  \"vhosts\": [{\"name\": \"/\"}],
  \"permissions\": [
    {\"user\": \"$RABBIT_ADMIN_USER\", \"vhost\": \"/\", $all},
    {\"user\": \"$RABBIT_FLEET_USER\", \"vhost\": \"/\", $all},
    {\"user\": \"$RABBIT_OPERATOR_USER\", \"vhost\": \"/\", \"configure\": \"^\$\", \"write\": \"^\$\", \"read\": \"$RABBIT_OPERATOR_READ\"}
  ]
}
"
secret postgres.superuser "$postgres_uid" "$superuser"
secret postgres.owner "$postgres_uid" "$owner"
secret postgres.fleet "$postgres_uid" "$fleet"
secret postgres.ledger "$postgres_uid" "$ledger"
secret postgres.replication "$postgres_uid" "*:*:*:ingestion_replicator:$replication"
# The workers' configuration keys, for deploy/with-secrets.sh; the fleet finds whichever PostgreSQL server is primary.
pg_hosts="postgres:5432,postgres-standby:5432"
secret worker.rabbitmq-password "$app_uid" "$rabbitmq_fleet"
secret worker.database "$app_uid" \
  "Host=$pg_hosts;Username=ingestion_fleet;Password=$fleet;Database=ingestion;Target Session Attributes=primary"
secret worker.database-ledger "$app_uid" \
  "Host=$pg_hosts;Username=ingestion_ledger;Password=$ledger;Database=ingestion;Target Session Attributes=primary"
secret worker.database-owner "$app_uid" \
  "Host=$pg_hosts;Username=ingestion_owner;Password=$owner;Database=ingestion;Target Session Attributes=primary"

# For the host: the same keys as .local/env.sh, against the ports docker-compose.yml publishes on 127.0.0.1.
(umask 077 && cat > "$dir/env.sh" <<ENV
# Generated by scripts/compose-secrets.sh: source it to run ingest or the tests against docker compose's services.
export Ingestion__RabbitMq__Host=127.0.0.1
export Ingestion__RabbitMq__Port=5673
export Ingestion__RabbitMq__ManagementPort=15673
export Ingestion__RabbitMq__Username=$RABBIT_FLEET_USER
export Ingestion__RabbitMq__Password=$rabbitmq_fleet
export INGESTION_RABBITMQ_OPERATOR_USERNAME=$RABBIT_OPERATOR_USER
export INGESTION_RABBITMQ_OPERATOR_PASSWORD=$rabbitmq_operator
export INGESTION_RABBITMQ_ADMIN_USERNAME=$RABBIT_ADMIN_USER
export INGESTION_RABBITMQ_ADMIN_PASSWORD=$rabbitmq_admin
export Ingestion__Database__ConnectionString="Host=127.0.0.1;Port=5433;Username=ingestion_fleet;Password=$fleet;Database=ingestion"
export Ingestion__Database__LedgerConnectionString="Host=127.0.0.1;Port=5433;Username=ingestion_ledger;Password=$ledger;Database=ingestion"
export Ingestion__Database__OwnerConnectionString="Host=127.0.0.1;Port=5433;Username=ingestion_owner;Password=$owner;Database=ingestion"
export INGESTION_PG_SUPERUSER="Host=127.0.0.1;Port=5433;Username=postgres;Password=$superuser;Database=ingestion"
ENV
cat > "$dir/env-cluster.sh" <<ENV
# Generated by scripts/compose-secrets.sh: as env.sh, for docker compose --profile cluster.
source "$dir/env.sh"
export Ingestion__RabbitMq__Nodes=127.0.0.1:5673,127.0.0.1:5674,127.0.0.1:5675
export Ingestion__Database__ConnectionString="Host=127.0.0.1:5433,127.0.0.1:5434;Username=ingestion_fleet;Password=$fleet;Database=ingestion;Target Session Attributes=primary"
export Ingestion__Database__LedgerConnectionString="Host=127.0.0.1:5433,127.0.0.1:5434;Username=ingestion_ledger;Password=$ledger;Database=ingestion;Target Session Attributes=primary"
export Ingestion__Database__OwnerConnectionString="Host=127.0.0.1:5433,127.0.0.1:5434;Username=ingestion_owner;Password=$owner;Database=ingestion;Target Session Attributes=primary"
export INGESTION_PG_SUPERUSER="Host=127.0.0.1:5433,127.0.0.1:5434;Username=postgres;Password=$superuser;Database=ingestion;Target Session Attributes=primary"
ENV
)
echo "compose secrets in $dir; host environment: source $dir/env.sh (or env-cluster.sh with --profile cluster)"
