#!/usr/bin/env bash
# Scale benchmark (issue 13): N tenants x six tools (minio, mlflow, jupyterhub, code-server, airflow, kuberay) on the
# cluster 'local', delivered by GitOps to the local repository under the data dir. Times plan, first reconcile, no-op
# reconcile, no-op plan and CHANGES one-value changes (PUT + reconcile until the commit is in the repository), then
# memory, GET /tenants/{slug} vs GET /me with wrk and at a fixed rate, and start to ready on a later start. Prints a
# markdown table.
#
# Usage: bench/scale-benchmark.sh N
#   CHANGES=20      how many one-tenant changes to time (p50/p99 over them)
#   DUMPS=dir       take thread dumps (jcmd Thread.dump_to_file: Thread.print leaves out the virtual threads that
#                   serve requests) every DUMP_EVERY s (default 5, at most 6) during the no-op
#                   reconcile into dir
#   PLAN_FIRST=0    skip the plan of everything new (at 10,000 tenants it takes minutes)
#   RATE=200        requests/s of the fixed-rate latency runs (bench/FixedRateLoad.java) after wrk
#   SEED_PARALLEL=8 concurrent seeding workers (one tenant each: 1 POST + 6 PUTs in order)
#   PORT=18081
#   JAR=path        the jar to run (default: platform-app/target/nova-platform.jar)
#   JAVA_OPTS=...   more JVM options (word-split), e.g. -XX:StartFlightRecording=filename=/tmp/run.jfr
#   SEEDED=dir      reuse a seeded data dir: when dir holds one, the run starts on a copy of it and skips seeding (seeding
#                   10,000 tenants over REST takes the best part of an hour on 2 cores); when it does not, the run seeds
#                   and leaves a copy of the data dir there (taken with the app stopped); SEED_ONLY=1 stops after that
# Needs wrk (apt-get install wrk), jq, bc, jcmd (the JDK's). Builds the jar first if missing. The periodic and debounced
# reconciles are switched off (nova.reconcile.enabled=false): every reconcile here is an explicit POST .../reconcile.
set -euo pipefail
N=${1:?usage: bench/scale-benchmark.sh N}
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
JAR=${JAR:-platform-app/target/nova-platform.jar}
PORT=${PORT:-18081}
CHANGES=${CHANGES:-20}
SEED_PARALLEL=${SEED_PARALLEL:-8}
DUMP_EVERY=${DUMP_EVERY:-5}
PASSWORD=bench-password
DATA=$(mktemp -d)
GIT="git -C $DATA/gitops"
B=http://localhost:$PORT/api/v1
AUTH=(-u "admin:$PASSWORD")
[[ -f $JAR ]] || ./mvnw -B -q -o -DskipTests package

pid=
stop_app() {
  [[ -n $pid ]] || return 0
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
}
trap 'stop_app; rm -rf "$DATA"' EXIT

now() { date +%s.%N; }
secs() { printf '%.2f' "$(echo "$(now) - $1" | bc)"; }   # seconds since $1, two decimals
ms() { echo "scale=0; ($(now) - $1) * 1000 / 1" | bc; }

# Starts the jar on the data dir (sets pid) and sets ready to the seconds until readiness is UP. Not in a subshell.
start_app() {
  local t0; t0=$(now)
  NOVA_DATA_DIR=$DATA NOVA_PORT=$PORT NOVA_SECURITY_OIDC_LOCAL_ADMIN_PASSWORD=$PASSWORD NOVA_RECONCILE_ENABLED=false \
    "$JAVA" -Xmx512m ${JAVA_OPTS:-} -jar "$JAR" >> "$DATA/app.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "the app stopped; log:" >&2; tail -50 "$DATA/app.log" >&2; exit 1; }
    sleep 0.1
  done
  ready=$(secs "$t0")
  spring_started=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$DATA/app.log" | tail -1 || true)
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

api() { curl -sS -f --max-time 3600 "${AUTH[@]}" -H 'Content-Type: application/json' "$@"; }
commits() { $GIT rev-list --count HEAD 2>/dev/null || echo 0; }
# Times one reconcile; leaves the response in $DATA/reconcile.json and prints seconds.
reconcile() {
  local t0; t0=$(now)
  api -XPOST "$B/clusters/local/reconcile" -o "$DATA/reconcile.json"
  secs "$t0"
}
outcome() { jq -r '"\(.changes | length) changes, \(.problems | length) problems"' "$1"; }

reuse=
if [[ -n ${SEEDED:-} && -f ${SEEDED}/.seeded ]]; then
  cp -a "$SEEDED/." "$DATA/"
  reuse=1
fi
start_app
first_ready=$ready
load_start=$(load)
echo "N=$N: ready after $first_ready s (${reuse:+seeded copy of $SEEDED: later start; }first start: initdb + Flyway;" \
  "$spring_started), pid $pid, data $DATA; load average $load_start"

if [[ -n $reuse ]]; then
  # the seeded cluster 'local' still points at the repository under the data dir it was seeded in
  repo=$(api "$B/clusters/local" | jq -r '.gitops.url' | sed 's|^file://||')
  GIT="git -C $repo"
  rm -rf "$repo"
fi
if [[ -z $reuse ]]; then
api -XPUT "$B/cluster-modules/local/kuberay-operator" -d '{"enabled":true}' > /dev/null

# --- 1. Seeding: one worker per tenant creates it and switches its six tools on, in dependency order.
seed_one() {
  local i=$1 fail=0 key
  curl -sSf "${AUTH[@]}" -H 'Content-Type: application/json' -XPOST "$B/tenants" -o /dev/null \
    -d "{\"slug\":\"team-$i\",\"displayName\":\"Team $i\",\"ownerGroups\":[\"g$i\"],\"quota\":{\"cpu\":\"16\"}}" || fail=1
  for key in minio mlflow jupyterhub code-server airflow kuberay; do
    curl -sSf "${AUTH[@]}" -H 'Content-Type: application/json' -XPUT "$B/tenants/team-$i/modules/$key" -o /dev/null \
      -d '{"enabled":true}' || fail=1
  done
  [[ $fail == 0 ]] || echo "seeding team-$i failed" >&2
}
export -f seed_one
export B PASSWORD
AUTH_EXPORT="admin:$PASSWORD"
seed_start=$(now)
seq 1 "$N" | AUTH_EXPORT=$AUTH_EXPORT xargs -P "$SEED_PARALLEL" -I{} bash -c 'AUTH=(-u "$AUTH_EXPORT"); seed_one {}'
seed_time=$(secs "$seed_start")
installs=$(api "$B/tenants/team-$N/modules" | jq '.items | length')
echo "seeded $N tenants x 6 tools ($(( N * 7 )) requests, $SEED_PARALLEL in parallel) in $seed_time s; team-$N has $installs installs"
if [[ -n ${SEEDED:-} ]]; then
  stop_app
  mkdir -p "$SEEDED"
  cp -a "$DATA/." "$SEEDED/"
  touch "$SEEDED/.seeded"
  echo "seeded data dir saved to $SEEDED"
  [[ -z ${SEED_ONLY:-} ]] || exit 0
  start_app
fi
else
  seed_time="(reused $SEEDED)"
fi

# --- 2. Plan and reconciles.
if [[ ${PLAN_FIRST:-1} == 1 ]]; then
  t0=$(now); api "$B/clusters/local/plan" -o "$DATA/plan.json"; plan_first=$(secs "$t0")
  echo "plan, everything new: $plan_first s ($(outcome "$DATA/plan.json"), $(( $(stat -c %s "$DATA/plan.json") / 1024 )) KiB)"
else
  plan_first="(not run: PLAN_FIRST=0)"
fi

reconcile_first=$(reconcile)
files=$($GIT ls-tree -r --name-only HEAD | wc -l)
echo "first reconcile: $reconcile_first s ($(outcome "$DATA/reconcile.json")); $(commits) commits, $files files in the repository"

before=$(commits)
dumper=
if [[ -n ${DUMPS:-} ]]; then
  mkdir -p "$DUMPS"
  ( for d in 1 2 3 4 5 6; do sleep "$DUMP_EVERY"; "$JCMD" "$pid" Thread.dump_to_file -overwrite "$DUMPS/noop-reconcile-N$N-$d.txt" > /dev/null 2>&1 || true; done ) &
  dumper=$!
fi
reconcile_noop=$(reconcile)
[[ -n $dumper ]] && { kill "$dumper" 2>/dev/null || true; wait "$dumper" 2>/dev/null || true; }
noop_commits=$(( $(commits) - before ))
echo "no-op reconcile: $reconcile_noop s ($(outcome "$DATA/reconcile.json")); new commits: $noop_commits"

t0=$(now); api "$B/clusters/local/plan" -o "$DATA/plan.json"; plan_noop=$(secs "$t0")
echo "plan, nothing to change: $plan_noop s ($(outcome "$DATA/plan.json"))"

# One change at a time: PUT one tenant's jupyterhub values, then the (synchronous) reconcile that commits it: the
# change-only reconcile (changesOnly=true), which is what the platform runs after a change once the debounce is over.
: > "$DATA/latencies"
bad_changes=0
for c in $(seq 1 "$CHANGES"); do
  k=$(( (c * 7919) % N + 1 ))
  before=$(commits)
  t0=$(now)
  api -XPUT "$B/tenants/team-$k/modules/jupyterhub" -o /dev/null -d "{\"values\":{\"cull\":{\"timeout\":$(( 3600 + c ))}}}"
  put_ms=$(ms "$t0")
  if [[ $c == 1 ]]; then   # once: the plan of one pending change (not part of the change latency)
    t1=$(now); api "$B/clusters/local/plan" -o "$DATA/plan.json"; plan_one=$(secs "$t1")
    echo "plan, one pending change: $plan_one s ($(outcome "$DATA/plan.json"))"
  fi
  t1=$(now)
  api -XPOST "$B/clusters/local/reconcile?changesOnly=true" -o "$DATA/reconcile.json"
  total_ms=$(( put_ms + $(ms "$t1") ))
  made=$(( $(commits) - before ))
  touched=$($GIT diff --name-only HEAD~1 HEAD | wc -l)
  outside=$($GIT diff --name-only HEAD~1 HEAD | grep -vc "^clusters/local/nova-team-$k/" || true)
  max_touched=$(( touched > ${max_touched:-0} ? touched : ${max_touched:-0} ))
  [[ $made == 1 && $outside == 0 ]] || bad_changes=$(( bad_changes + 1 ))
  echo "$total_ms" >> "$DATA/latencies"
  echo "change $c (team-$k): ${total_ms} ms (PUT ${put_ms} ms), $made commit(s), $touched file(s): $($GIT diff --name-only HEAD~1 HEAD | tr '\n' ' ')"
done
# Nearest-rank percentiles over the CHANGES samples (p99 of 20 is the slowest).
pct() { sort -n "$DATA/latencies" | awk -v p="$1" '{a[NR]=$1} END {i=int((p*NR+99)/100); if (i<1) i=1; print a[i]}'; }
p50=$(pct 50); p99=$(pct 99)
echo "one change -> commit: p50 $p50 ms, p99 $p99 ms over $CHANGES; at most $max_touched files per commit;" \
  "changes not exactly 1 commit inside the tenant's directory: $bad_changes"

# --- 3. Memory after the runs.
rss=$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
hwm=$(( $(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024 ))
heap_kb() { "$JCMD" "$pid" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K.*/,"",v); print v; exit}}'; }
heap=$(( $(heap_kb) / 1024 ))
"$JCMD" "$pid" GC.run > /dev/null
heap_live=$(( $(heap_kb) / 1024 ))
echo "RSS $rss MiB (peak $hwm MiB); heap used $heap MiB, $heap_live MiB after a full GC"

# --- 4. REST: one tenant vs /me, same run.
H="Authorization: Basic $(printf 'admin:%s' "$PASSWORD" | base64)"
run_wrk() {
  wrk -t2 -c16 -d15s --latency -H "$H" "$1" > "$DATA/wrk.txt"
  local rps p50w p99w
  rps=$(awk '/Requests\/sec/ {print $2}' "$DATA/wrk.txt")
  p50w=$(awk '$1=="50%" {print $2}' "$DATA/wrk.txt")
  p99w=$(awk '$1=="99%" {print $2}' "$DATA/wrk.txt")
  grep -q "Non-2xx" "$DATA/wrk.txt" && echo "warning: non-2xx responses for $1" >&2
  echo "$rps $p50w $p99w"
}
# Both endpoints get the same warm-up first, so that neither pays for the JIT compiling the request path.
wrk -t2 -c16 -d5s -H "$H" "$B/tenants/team-1" > /dev/null
wrk -t2 -c16 -d5s -H "$H" "$B/me" > /dev/null
read -r t_rps t_p50 t_p99 <<< "$(run_wrk "$B/tenants/team-1")"
read -r m_rps m_p50 m_p99 <<< "$(run_wrk "$B/me")"
ratio=$(printf '%.2f' "$(echo "scale=4; $t_rps / $m_rps" | bc)")
echo "GET /tenants/team-1: $t_rps req/s, p50 $t_p50, p99 $t_p99; GET /me: $m_rps req/s, p50 $m_p50, p99 $m_p99; ratio $ratio"
# The latency goal is at a fixed rate, which wrk cannot hold: bench/FixedRateLoad.java (latency from when each
# request was due).
RATE=${RATE:-200}
t_fixed=$("$JAVA" bench/FixedRateLoad.java "$B/tenants/team-1" "$RATE" 15 "$H")
m_fixed=$("$JAVA" bench/FixedRateLoad.java "$B/me" "$RATE" 15 "$H")
echo "GET /tenants/team-1 at a fixed $t_fixed"
echo "GET /me at a fixed $m_fixed"

# --- 5. Start to ready on a later start (same data dir).
stop_app
grep -o 'Cluster local: .*' "$DATA/app.log" > "$DATA/reconciles.txt" || true   # with LOGGING_LEVEL_IO_NOVA_PLATFORM_CORE_RECONCILE=DEBUG
start_app
later_ready=$ready
load_end=$(load)
echo "later start: ready after $later_ready s ($spring_started); load average $load_end"

cat <<EOF

| N = $N tenants x 6 tools | result |
|---|---|
| files in the repository after the first reconcile | $files |
| seeding ($(( N * 7 )) requests, $SEED_PARALLEL in parallel) | $seed_time s |
| \`GET /clusters/local/plan\`, everything new | $plan_first s |
| first reconcile (everything new) | $reconcile_first s |
| reconcile with nothing to change | $reconcile_noop s, $noop_commits new commits |
| \`GET /clusters/local/plan\`, nothing to change / one pending change | $plan_noop s / $plan_one s |
| one change → commit (PUT + reconcile), $CHANGES changes | p50 $p50 ms, p99 $p99 ms; each 1 commit of ≤ $max_touched files, $bad_changes outside the tenant's directory or not 1 commit |
| RSS after the runs (peak) | $rss MiB ($hwm MiB) |
| heap used after the runs / after a full GC | $heap MiB / $heap_live MiB |
| \`GET /tenants/team-1\` (wrk 2 threads × 16 connections, 15 s) | $t_rps req/s, p50 $t_p50, p99 $t_p99 |
| \`GET /me\` (same run) | $m_rps req/s, p50 $m_p50, p99 $m_p99 |
| ratio tenants / me | $ratio |
| \`GET /tenants/team-1\` / \`GET /me\` at $RATE req/s (15 s) | ${t_fixed#*: } / ${m_fixed#*: } |
| start to ready, first start / later start | $first_ready s / $later_ready s |
| load average (1, 5, 15 min) at the first start / at the end (2 cores) | $load_start / $load_end |
EOF
if [[ -s $DATA/reconciles.txt ]]; then
  echo; echo "The reconciles' debug lines (phases in ms):"; cat "$DATA/reconciles.txt"
fi
