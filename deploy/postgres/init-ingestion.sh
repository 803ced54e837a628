#!/bin/sh
# Runs once, when the primary's data folder is created (/docker-entrypoint-initdb.d): the schema owner, the fleet's role,
# the ledger appender's role and the replication role, with the passwords of scripts/compose-secrets.sh read from their secret files (psql's \set
# with backquotes, so that no password is on a command line), and a pg_hba.conf line for the standby.
set -eu
for secret in postgres_owner postgres_fleet postgres_ledger postgres_replication.pgpass; do
  [ -r "/run/secrets/$secret" ] && [ -s "/run/secrets/$secret" ] \
    || { echo "init-ingestion: cannot read the secret $secret (run scripts/compose-secrets.sh as root)" >&2; exit 1; }
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
\set owner `cat /run/secrets/postgres_owner`
\set fleet `cat /run/secrets/postgres_fleet`
\set ledger `cat /run/secrets/postgres_ledger`
\set replication `cut -d: -f5 /run/secrets/postgres_replication.pgpass`
create role ingestion_owner login password :'owner';
create role ingestion_fleet login password :'fleet';
create role ingestion_ledger login password :'ledger';
create role ingestion_replicator login replication password :'replication';
grant create, connect on database ingestion to ingestion_owner;
SQL
echo 'host replication ingestion_replicator all scram-sha-256' >> "$PGDATA/pg_hba.conf"
