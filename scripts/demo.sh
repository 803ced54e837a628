#!/usr/bin/env bash
# The main job: start the private broker and database, build, migrate the demo's schema, run a fleet of two worker
# processes and the site gateway, let three sites submit their sample packets through it, wait for every document to
# reach a final state, print what happened to each, fetch the sites' receipts and verify the audit chain. Exits non-zero
# if any document is unaccounted for or the chain does not verify. It reads the system through `ingest … --json` only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
LOG_TAG=demo

use_infra
demo="$LOCAL_DIR/demo"
vhost=ingestion-demo
export Ingestion__Database__Schema=demo
export Ingestion__RabbitMq__VirtualHost=$vhost
export Ingestion__ContentStore__Root="$demo/content"
# Receipts of this run only: a receipt is written once, so one left by an earlier run would speak of another ledger.
export Ingestion__Receipts__Root="$demo/receipts"

say "building (Release)"
build_ingest

say "resetting the demo's own virtual host '$vhost' and schema 'demo', then: ingest migrate"
reset_namespace "$vhost" demo "$demo"

say "writing sample PDF packets (US: two scanned forms and five free-form artifacts without template declarations: a CV, an expired licence, GCP certificates born-digital and scanned, an IRB letter; DE: a deprecated v1.4 and a revised v2.2 form; JP: truncated, not-a-PDF, encrypted, empty and corrupted files)"
ingest samples "$demo/packets"
# Bit rot in transit: one byte of a JP document changes after the site computed its manifest hash (HASH_MISMATCH).
printf 'X' | dd of="$demo/packets/JP-TKY-003/008-financial-disclosure.pdf" bs=1 seek=300 conv=notrunc status=none

say "starting a fleet of two workers (logs: .local/demo/worker-*.log)"
trap stop_fleet EXIT
for n in 1 2; do
  start_worker "demo-worker-$n" "$demo/worker-$n.log"
done

say "the sites' credentials: each site gets its own token, in a file only its owner can read"
bash scripts/gateway-pki.sh
gateway_port="${INGESTION_GATEWAY_PORT:-8443}"
gateway="https://127.0.0.1:$gateway_port"
ca="$REPO_ROOT/.local/gateway/ca.pem"
mkdir -m 700 "$demo/sites"
for site in US-BOS-001 DE-BER-002 JP-TKY-003; do
  ingest sites add "$site" --by demo-operator --token-file "$demo/sites/$site.token"
done

say "starting the site gateway on $gateway (log: .local/demo/gateway.log)"
dotnet "$INGEST_DLL" gateway --urls "$gateway" --certificate .local/gateway/server.pem --key .local/gateway/server.key >"$demo/gateway.log" 2>&1 &
FLEET_PIDS+=($!)
gateway_up() { [[ $(curl -s -o /dev/null -w '%{http_code}' --cacert "$ca" "$gateway/v1/site") == 401 ]]; }
wait_until 60 "the site gateway" gateway_up || { tail -20 "$demo/gateway.log"; die "the site gateway did not start"; }

say "sites submit their packets through the gateway, with nothing but their token, the CA and the address"
packets=()
submit_started=$SECONDS
for site in US-BOS-001 DE-BER-002 JP-TKY-003; do
  out=$(env -i PATH="$PATH" HOME="$HOME" dotnet "$INGEST_DLL" submit --gateway "$gateway" --token-file "$demo/sites/$site.token" --ca "$ca" \
    --study ABC-123 --by "coordinator@$site" "$demo/packets/$site" 2>/dev/null)
  printf '%s\n' "$out" | head -1
  packets+=("$(printf '%s\n' "$out" | awk 'NR==1 {print $2}')")
done
say "3 packets submitted through the gateway in $((SECONDS - submit_started)) s"

say "waiting until every document is final or waits for a reviewer"
status=0
ingest wait --timeout 300 --packet "${packets[@]}" || status=$?

scanned=$(ingest documents --json --packet "${packets[0]}" \
  | json_query '[d["correlationId"] for d in j["documents"] if d["documentId"] == "US-BOS-001-DOC-001"]')
[[ -n $scanned ]] || die "the scanned Form FDA 1572 of US-BOS-001 is not among the documents"
say "the scanned Form FDA 1572 of US-BOS-001: fields read by OCR"
ingest show "$scanned" || status=1

say "manual review"
ingest review list
in_review=$(ingest review list --json | json_query '[d["correlationId"] for d in j["documents"]]')
if [[ -n $in_review ]]; then
  # Decisions are signed by a person with an account: the installer's administrator creates a reviewer, who sets their
  # own password and signs each approval with it (passwords on standard input, one a line, as scripts give them).
  admin_password=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')Aa1!
  initial_password=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')Bb2!
  reviewer_password=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')Cc3!
  printf '%s\n' "$admin_password" | ingest users add demo-admin --role admin --name "Demo Administrator" --password-stdin >/dev/null
  printf '%s\n%s\n' "$admin_password" "$initial_password" |
    ingest users add demo-reviewer --role reviewer --name "Demo Reviewer" --as demo-admin --password-stdin >/dev/null
  printf '%s\n%s\n' "$initial_password" "$reviewer_password" | ingest users password demo-reviewer --password-stdin >/dev/null
  for id in $in_review; do
    printf '%s\n' "$reviewer_password" | ingest review approve "$id" --reviewer demo-reviewer \
      --reason "Checked against the original in the demo" --password-stdin || status=1
  done
fi
ingest wait --final --timeout 120 --packet "${packets[@]}" >/dev/null || status=1

say "audit trail of the scanned Form FDA 1572"
ingest audit trail "$scanned" || status=1

say "sites fetch their receipts from the gateway"
for i in 0 1 2; do
  site=$(printf '%s\n' US-BOS-001 DE-BER-002 JP-TKY-003 | sed -n "$((i + 1))p")
  env -i PATH="$PATH" HOME="$HOME" dotnet "$INGEST_DLL" receipts --gateway "$gateway" --token-file "$demo/sites/$site.token" --ca "$ca" \
    --packet "${packets[$i]}" --out "$demo/receipts/$site" --wait --timeout 120 || status=1
done

say "verifying the audit chain"
ingest audit verify || status=1

if ((status == 0)); then say "every document is accounted for and the audit chain verifies"; else say "FAILED (exit $status)"; fi
exit "$status"
