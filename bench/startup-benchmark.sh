#!/usr/bin/env bash
# Start-up benchmark (issue 13): seconds from `java` to readiness UP (GET /actuator/health/readiness, as in
# scale-benchmark.sh) for the first start on a fresh data dir (initdb, Flyway migrate, local admin, cluster 'local')
# and then LATER later starts on the same data dir, each stopped with SIGTERM before the next. Prints one line per start:
# seconds to ready, Spring's own "Started ... in", the CPU seconds the JVM used until ready (less sensitive to the
# machine's load than the wall clock), the load average before and after; and for each stop the seconds it took.
#
# Usage: bench/startup-benchmark.sh [LATER]       (LATER later starts, default 3)
#   PORT=18080
#   JAVA_OPTS="-Xmx512m"   JVM options of every start
#   JAR=platform-app/target/nova-platform/nova-platform.jar   the README's start (the extracted jar); the executable
#                          jar platform-app/target/nova-platform.jar is the start before the change
#   CDS=1                  1: the README's class-data sharing flags, with the archive in the benchmark's temp dir, so
#                          that the first start runs without one and writes it when it stops; 0: no archive
#   KEEP=1                 keep the data dir (and app.log, with every start's log) instead of deleting it
# Builds the jar first if missing. Reconciles are off (nova.reconcile.enabled=false) so that the 10 s initial
# reconcile never runs inside a measurement.
set -euo pipefail
LATER=${1:-3}
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=${JAR:-platform-app/target/nova-platform/nova-platform.jar}
PORT=${PORT:-18080}
read -r -a OPTS <<< "${JAVA_OPTS:--Xmx512m}"
DATA=$(mktemp -d)
if [[ ${CDS:-1} == 1 ]]; then
  OPTS+=("-XX:SharedArchiveFile=$DATA/nova-platform.jsa" -XX:+AutoCreateSharedArchive -Xlog:cds=off)
fi
[[ -f $JAR ]] || ./mvnw -B -q -DskipTests package

pid=
stop_app() {
  [[ -n $pid ]] || return 0
  local t0; t0=$(now)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
  stopped=$(printf '%.2f' "$(echo "$(now) - $t0" | bc)")
}
cleanup() { stop_app; if [[ -n ${KEEP:-} ]]; then echo "kept $DATA"; else rm -rf "$DATA"; fi; }
trap cleanup EXIT

now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
if curl -s -o /dev/null "localhost:$PORT"; then echo "port $PORT is in use: set PORT" >&2; exit 1; fi

# Starts the jar on the data dir, waits for readiness UP, prints one line.
start_app() {
  local what=$1 t0 ready started load0
  load0=$(load)
  echo "=== $what" >> "$DATA/app.log"
  t0=$(now)
  NOVA_DATA_DIR=$DATA/data NOVA_PORT=$PORT NOVA_SECURITY_OIDC_LOCAL_ADMIN_PASSWORD=bench-password \
    NOVA_RECONCILE_ENABLED=false "$JAVA" "${OPTS[@]}" -jar "$JAR" >> "$DATA/app.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "the app stopped; log:" >&2; tail -50 "$DATA/app.log" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(printf '%.2f' "$(echo "$(now) - $t0" | bc)")
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$pid/stat")
  started=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$DATA/app.log" \
    | tail -1 | sed 's/Started [A-Za-z]* in /Spring: /' || true)
  printf '%-14s ready after %6s s, %5s s CPU  (%s)  load average %s -> %s\n' "$what" "$ready" "$cpu" "$started" \
    "$load0" "$(load)"
  echo "$ready" >> "$DATA/times"
}

echo "java: $("$JAVA" -version 2>&1 | head -1); options: ${OPTS[*]}; jar: $JAR; $(nproc) cores"
start_app "first start"
stop_app
echo "               stopped in $stopped s$([[ -f $DATA/nova-platform.jsa ]] && echo ", class-data archive written: $(( $(stat -c %s "$DATA/nova-platform.jsa") / 1048576 )) MiB")"
: > "$DATA/times"
for i in $(seq 1 "$LATER"); do
  start_app "later start $i"
  stop_app
done
sort -n "$DATA/times" | awk '{a[NR]=$1} END {printf "later starts: min %s s, median %s s, max %s s over %d\n", a[1], a[int((NR+1)/2)], a[NR], NR}'
