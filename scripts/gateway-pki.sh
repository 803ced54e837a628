#!/usr/bin/env bash
# A private CA and a certificate for the site gateway, for development and the demo:
#   .local/gateway/ca.pem       the CA certificate; sites pin it with `ingest submit --ca`
#   .local/gateway/ca.key       the CA key (0600); keep it off the gateway host in real use
#   .local/gateway/server.pem   the gateway's certificate, for 127.0.0.1, ::1, localhost and any extra names given
#   .local/gateway/server.key   its key (0600), Ingestion:Gateway:KeyPath
# Usage: scripts/gateway-pki.sh [extra IP address or DNS name ...]. Idempotent: an existing pair is kept.
# A real deployment gets the gateway's certificate from the sponsor's CA and gives sites that CA (or pins its own).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

gateway_pki() {
  local dir="$LOCAL_DIR/gateway"
  if [[ -s $dir/server.pem && -s $dir/server.key && -s $dir/ca.pem ]]; then
    return 0
  fi
  if ! command -v openssl >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null || die "openssl is required to make the gateway's certificate"
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  local san="IP:127.0.0.1,IP:::1,DNS:localhost" name
  for name in "$@"; do
    if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then san+=",IP:$name"; else san+=",DNS:$name"; fi
  done
  (
    umask 077
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 825 -subj "/CN=Ingestion site gateway CA" \
      -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$dir/ca.pem"
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/server.key" 2>/dev/null
    openssl req -new -key "$dir/server.key" -subj "/CN=ingestion-gateway" -out "$dir/server.csr"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -sha256 -days 397 \
      -extfile <(printf 'subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' "$san") \
      -out "$dir/server.pem" 2>/dev/null
    rm -f "$dir/server.csr" "$dir/ca.srl"
  )
  chmod 644 "$dir/ca.pem" "$dir/server.pem"
  log "gateway certificate for $san in $dir (CA: $dir/ca.pem)"
}

# Run directly: make the pair now. Sourced: only define gateway_pki.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  gateway_pki "$@"
fi
