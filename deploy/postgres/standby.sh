#!/bin/sh
# The streaming standby: on its first start a base backup of the primary (pg_basebackup -R writes primary_conninfo,
# naming the replication role's passfile, and standby.signal), then the server as a hot standby.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -q -h postgres -p 5432; do sleep 1; done
  pg_basebackup -D "$PGDATA" -X stream -R -c fast \
    -d "host=postgres port=5432 user=ingestion_replicator passfile=/run/secrets/postgres_replication.pgpass application_name=ingestion_standby"
fi
exec postgres -c max_connections=300 -c hot_standby=on -c wal_level=replica -c max_wal_senders=10
