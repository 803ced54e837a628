#!/usr/bin/env bash
# The contained reader against the worst files (scripts/../Ingestion.Samples HostilePdf, `ingest samples --hostile`):
# (a) each file read by ingest-reader alone, in the sandbox the worker uses, with /usr/bin/time: wall time, peak RSS,
#     outcome; the image-only ones also through pdftoppm under the OCR limits;
# (b) the hostile packet through one real worker: the worker's peak RSS and its children's, sampled every 200 ms,
#     and each document's outcome.
# Usage: scripts/measure-reader.sh   (INGESTION_SKIP_INFRA_UP=1 as in scripts/measure-memory.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source scripts/lib.sh
if [[ ${INGESTION_SKIP_INFRA_UP:-0} != 1 ]]; then
  bash scripts/infra-up.sh
  # shellcheck source=/dev/null
  source .local/env.sh
fi
work="$REPO_ROOT/.local/measure-reader"
vhost=ingestion-reader-measure schema=reader_measure
export Ingestion__Database__Schema=$schema Ingestion__RabbitMq__VirtualHost=$vhost Ingestion__ContentStore__Root="$work/content"
bin="$REPO_ROOT/Ingestion.Host/bin/Release/net10.0"
ingest=(dotnet "$bin/ingest.dll")
[[ ${INGESTION_SKIP_BUILD:-0} == 1 ]] || dotnet build Ingestion.sln -c Release --nologo -v quiet -clp:ErrorsOnly
if [[ -d $work ]]; then chmod -R u+w "$work"; rm -rf "$work"; fi
mkdir -p "$work" && chmod 755 "$work"
"${ingest[@]}" samples --hostile "$work/packets" >/dev/null
packet="$work/packets/hostile/$(ls "$work/packets/hostile" | head -1)"
packet=$(dirname "$packet")
chmod -R a+rX "$work/packets"

sandbox=(/usr/bin/unshare --net -- /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --no-new-privs --)
[[ $(id -u) == 0 ]] || sandbox=(/usr/bin/unshare --user --map-current-user --net --)
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min), $(nproc) cores"
if [[ ${MEASURE_PARTS:-ab} == *a* ]]; then
echo
echo "(a) ingest-reader alone, per file: 512 MiB GC heap, the worker's default limits"
printf '%-28s %9s %8s %10s  %s\n' file bytes wall_s peak_MiB outcome
for pdf in "$packet"/*.pdf; do
  request="{\"path\":\"$pdf\",\"firstPage\":1,\"lastPage\":8,\"limits\":{\"maxDecodedStreamBytes\":67108864,\"maxWordsPerPage\":50000,\"maxLinesPerPage\":2000,\"maxLineChars\":2000}}"
  out=$( { echo "$request" | /usr/bin/time -f '%e %M' -o "$work/time.txt" "${sandbox[@]}" /usr/bin/prlimit --cpu=30 -- \
    env -i PATH=/usr/bin:/bin DOTNET_GCHeapHardLimit=20000000 DOTNET_EnableDiagnostics=0 DOTNET_NOLOGO=1 \
    /usr/share/dotnet/dotnet "$bin/ingest-reader.dll"; } 2>&1 | head -c 300 || true)
  read -r wall peak < <(tail -1 "$work/time.txt" | awk '{print $(NF-1), $NF}')
  outcome=$(grep -o '"code":"[A-Z_]*"' <<<"$out" | head -1 || true); outcome=${outcome:-$(grep -o '"pageCount":[0-9]*' <<<"$out" || echo "crashed: $(head -c 60 <<<"$out")")}
  printf '%-28s %9s %8s %10s  %s\n' "$(basename "$pdf")" "$(stat -c %s "$pdf")" "$wall" "$((peak / 1024))" "$outcome"
done
for name in gigapixel recursive; do
  pdf=$(ls "$packet"/*.pdf | sed -n "$([[ $name == gigapixel ]] && echo 6 || echo 8)p")
  /usr/bin/time -f '%e %M %x' -o "$work/time.txt" "${sandbox[@]}" /usr/bin/prlimit --cpu=30 --as=1073741824 --fsize=268435456 -- \
    pdftoppm -r 300 -gray -f 1 -l 1 -singlefile "$pdf" "$work/page-$name" >/dev/null 2>&1 || true
  read -r wall peak code < <(tail -1 "$work/time.txt" | awk '{print $(NF-2), $(NF-1), $NF}')
  printf 'pdftoppm %-19s %9s %8s %10s  exit %s\n' "$(basename "$pdf")" "" "$wall" "$((peak / 1024))" "$code"
  rm -f "$work"/page-*
done
fi

echo
echo "(b) the hostile packet through one worker"
fresh_vhost "$vhost"
psql_superuser "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE"
env -u Ingestion__Database__OwnerConnectionString -u INGESTION_PG_SUPERUSER "${ingest[@]}" worker --worker-id reader-measure >"$work/worker.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait 2>/dev/null || true' EXIT
consumers() { rabbit_api GET "queues/$vhost/validate-document" | grep -o '"consumers":[0-9]*' | cut -d: -f2; }
worker_ready() { [[ $(consumers 2>/dev/null || echo 0) -gt 0 ]]; }
wait_until 120 "the worker to take messages" worker_ready
rss_mb() { local v; v=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || true); echo "${v:-0}"; }
children_mb() {
  local total=0 child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do total=$((total + $(rss_mb "$child"))); done
  echo "$total"
}
before=$(rss_mb "$pid")
id=$("${ingest[@]}" submit --site DE-MUC-002 --study ABC-123 "$packet" | awk 'NR==1 {print $2}')
start=$SECONDS worker_peak=0 child_peak=0
"${ingest[@]}" wait --final --timeout 900 --packet "$id" >"$work/wait.txt" 2>&1 &
waiter=$!
while kill -0 "$waiter" 2>/dev/null; do
  w=$(rss_mb "$pid"); c=$(children_mb)
  ((w > worker_peak)) && worker_peak=$w
  ((c > child_peak)) && child_peak=$c
  kill -0 "$pid" 2>/dev/null || { echo "the worker died"; break; }
  sleep 0.2
done
echo "worker RSS before the packet: $before MiB; peak while reading it: $worker_peak MiB; its children's peak (sum): $child_peak MiB"
echo "packet of $(ls "$packet"/*.pdf | wc -l) documents final in $((SECONDS - start)) s; the worker $(kill -0 "$pid" 2>/dev/null && echo 'is alive' || echo 'DIED')"
tail -1 "$work/wait.txt"
"${ingest[@]}" status --packet "$id" 2>/dev/null | tail -n 12 || true
