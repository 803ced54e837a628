#!/bin/sh
# with-secrets <command...>: export every file of /run/secrets named after a configuration key (Ingestion__…) as that
# environment variable, then run the command. Compose mounts each secret as a file that only the container's user can
# read, and .NET reads its configuration from the environment; the values never sit in the compose file or the image.
set -eu
for file in /run/secrets/Ingestion__*; do
  [ -f "$file" ] || continue
  export "$(basename "$file")=$(cat "$file")"
done
exec "$@"
