#!/usr/bin/env bash
# Multi-cluster benchmark (issue 13): C clusters x T tenants x the same six tools (minio, mlflow, jupyterhub,
# code-server, airflow, kuberay), each cluster delivered by GitOps to a local repository of its own, on one replica or
# several sharing one PostgreSQL. Times seeding, the first reconcile of every cluster, CHANGES one-value changes spread
# over the clusters (until the change's commit is in its cluster's repository), a no-op reconcile of every cluster,
# then memory. Prints a markdown table.
#
# Usage: bench/multi-cluster-benchmark.sh C T
#   CHANGES=20       how many one-tenant changes to time (p50/p99 over them), round robin over the clusters
#   AUTO=0           0: every change is a PUT and then POST /clusters/{c}/reconcile?changesOnly=true (synchronous), and
#                    the platform's own reconciles are off, as in scale-benchmark.sh. 1: the platform's scheduler
#                    reconciles (debounce DEBOUNCE): a change is timed from its PUT until its commit is in the
#                    repository, with the periodic resyncs (RESYNC) running meanwhile
#   DEBOUNCE=200ms   nova.reconcile.debounce with AUTO=1
#   RESYNC=10m       nova.reconcile.resync-interval with AUTO=1
#   WORKERS=4        nova.reconcile.workers
#   REPLICAS=1       replicas: the first runs the embedded PostgreSQL on PG_PORT, the others connect to it; requests go
#                    to the replicas in turn (with AUTO=1 a change made through one replica is reconciled by whichever
#                    replica owns the cluster)
#   SEED_PARALLEL=8  concurrent seeding workers (one tenant each: 1 POST + 6 PUTs in order)
#   PORT=18081       HTTP port of the first replica (the others: PORT+1, ...)
#   PG_PORT=25432    port of the embedded PostgreSQL
#   HEAP=512m        -Xmx of each replica
#   FROM_SEEDED=dir  skip seeding over REST (70,000 requests for 100 x 100): start on a copy of a data dir seeded by
#                    scale-benchmark.sh (SEEDED=dir, tenants team-1..team-N with the same six tools on cluster 'local',
#                    N >= C x T), create the C clusters over REST and move team-((c-1)*T+t) to cluster c as c<c>-t<t>
#                    (slug and namespace) with one SQL statement (needs psql); everything else is as seeded over REST
# Needs jq, bc, git, jcmd (the JDK's). Builds the jar first if missing.
set -euo pipefail
C=${1:?usage: bench/multi-cluster-benchmark.sh CLUSTERS TENANTS}
T=${2:?usage: bench/multi-cluster-benchmark.sh CLUSTERS TENANTS}
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
JAR=${JAR:-platform-app/target/nova-platform.jar}
PORT=${PORT:-18081}
PG_PORT=${PG_PORT:-25432}
CHANGES=${CHANGES:-20}
AUTO=${AUTO:-0}
DEBOUNCE=${DEBOUNCE:-200ms}
RESYNC=${RESYNC:-10m}
WORKERS=${WORKERS:-4}
REPLICAS=${REPLICAS:-1}
SEED_PARALLEL=${SEED_PARALLEL:-8}
HEAP=${HEAP:-512m}
PASSWORD=bench-password
DATA=$(mktemp -d)
AUTH=(-u "admin:$PASSWORD")
[[ -f $JAR ]] || ./mvnw -B -q -o -DskipTests package
if [[ $AUTO == 1 ]]; then
  how="PUT, then the platform's own reconcile (debounce $DEBOUNCE) until the commit"
  first_label="full reconcile per cluster once the platform's own reconciles of the seeding settled"
else
  how="PUT + \`POST /clusters/{c}/reconcile?changesOnly=true\`"
  first_label="first reconcile per cluster (everything new)"
fi

pids=()
stop_all() {
  local i
  for (( i=${#pids[@]}-1; i>=0; i-- )); do   # the first replica (it runs the database) last
    kill "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
  pids=()
}
trap 'stop_all; rm -rf "$DATA"' EXIT

now() { date +%s.%N; }
secs() { printf '%.2f' "$(echo "$(now) - $1" | bc)"; }
ms() { echo "scale=0; ($(now) - $1) * 1000 / 1" | bc; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
base() { echo "http://localhost:$(( PORT + $1 ))/api/v1"; }          # replica $1 (0-based)
turn() { echo $(( $1 % REPLICAS )); }                                 # which replica serves request number $1

# Starts replica $1 and waits for its readiness; the first runs the embedded database, the others connect to it.
start_replica() {
  local i=$1 t0 env
  t0=$(now)
  env=(NOVA_DATA_DIR="$DATA/r$i" NOVA_PORT=$(( PORT + i )) NOVA_SECURITY_OIDC_LOCAL_ADMIN_PASSWORD=$PASSWORD
       NOVA_RECONCILE_WORKERS=$WORKERS NOVA_RECONCILE_REPLICAID="bench-r$i")
  if [[ $AUTO == 1 ]]; then
    env+=(NOVA_RECONCILE_ENABLED=true NOVA_RECONCILE_DEBOUNCE=$DEBOUNCE NOVA_RECONCILE_RESYNCINTERVAL=$RESYNC)
  else
    env+=(NOVA_RECONCILE_ENABLED=false)
  fi
  if [[ $i == 0 ]]; then
    env+=(NOVA_DB_EMBEDDED_PORT=$PG_PORT)
  else
    env+=(NOVA_DB_URL="jdbc:postgresql://localhost:$PG_PORT/postgres" NOVA_DB_USER=postgres NOVA_DB_PASSWORD=)
  fi
  mkdir -p "$DATA/r$i"
  env "${env[@]}" "$JAVA" -Xmx"$HEAP" -jar "$JAR" >> "$DATA/r$i/app.log" 2>&1 &
  pids[$i]=$!
  until curl -sf "localhost:$(( PORT + i ))/actuator/health/readiness" > /dev/null; do
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "replica $i stopped; log:" >&2; tail -50 "$DATA/r$i/app.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "replica $i ready after $(secs "$t0") s (pid ${pids[$i]})"
}

api() { curl -sS -f --max-time 3600 "${AUTH[@]}" -H 'Content-Type: application/json' "$@"; }
repo() { echo "$DATA/repos/c$1"; }
commits() { git -C "$(repo "$1")" rev-list --count HEAD 2>/dev/null || echo 0; }
outcome() { jq -r '"\(.changes | length) changes, \(.problems | length) problems"' "$1"; }
# Nearest-rank percentile $2 of the numbers in file $1.
pct() { sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i=int((p*NR+99)/100); if (i<1) i=1; print a[i]}'; }
stats() { sort -n "$1" | awk '{s+=$1; a[NR]=$1} END {printf "mean %.2f s, max %.2f s, total %.2f s", s/NR, a[NR], s}'; }
# Reconciles queued or running on any replica (AUTO=1), from their metrics.
busy() {
  local i sum=0 v
  for (( i=0; i<REPLICAS; i++ )); do
    v=$(curl -sf "localhost:$(( PORT + i ))/actuator/prometheus" \
        | awk '/^nova_reconcile_(queue|running)[ {]/ {s+=$NF} END {print s+0}')
    sum=$(echo "$sum + $v" | bc)
  done
  echo "${sum%.*}"
}
# Waits (AUTO=1) until no replica has queued or running reconciles for three polls after the debounce.
settle() {
  local quiet=0
  while (( quiet < 3 )); do
    sleep 1
    if [[ $(busy) == 0 ]]; then quiet=$(( quiet + 1 )); else quiet=0; fi
  done
}

if [[ -n ${FROM_SEEDED:-} ]]; then
  [[ -f $FROM_SEEDED/.seeded ]] || { echo "$FROM_SEEDED holds no seeded data dir" >&2; exit 1; }
  mkdir -p "$DATA/r0"
  cp -a "$FROM_SEEDED/." "$DATA/r0/"
fi
for (( i=0; i<REPLICAS; i++ )); do start_replica "$i"; done
load_start=$(load)
echo "C=$C clusters x T=$T tenants x 6 tools, $REPLICAS replica(s), $WORKERS workers each, AUTO=$AUTO; data $DATA;" \
  "load average $load_start"

# --- 1. Seeding: the clusters (each with its own local repository), then per tenant 1 POST + 6 PUTs in order.
seed_start=$(now)
for (( c=1; c<=C; c++ )); do
  mkdir -p "$(repo "$c")"
  api -XPOST "$(base "$(turn "$c")")/clusters" -o /dev/null \
    -d "{\"name\":\"c$c\",\"deliveryMode\":\"GITOPS\",\"gitops\":{\"url\":\"file://$(repo "$c")\"}}"
  api -XPUT "$(base "$(turn "$c")")/cluster-modules/c$c/kuberay-operator" -o /dev/null -d '{"enabled":true}'
done
seed_one() {
  local c=$1 t=$2 b=$3 fail=0 key
  curl -sSf -u "$AUTH_EXPORT" -H 'Content-Type: application/json' -XPOST "$b/tenants" -o /dev/null \
    -d "{\"slug\":\"c$c-t$t\",\"displayName\":\"C$c T$t\",\"cluster\":\"c$c\",\"ownerGroups\":[\"g$c-$t\"],\"quota\":{\"cpu\":\"16\"}}" || fail=1
  for key in minio mlflow jupyterhub code-server airflow kuberay; do
    curl -sSf -u "$AUTH_EXPORT" -H 'Content-Type: application/json' -XPUT "$b/tenants/c$c-t$t/modules/$key" -o /dev/null \
      -d '{"enabled":true}' || fail=1
  done
  [[ $fail == 0 ]] || echo "seeding c$c-t$t failed" >&2
}
export -f seed_one
export AUTH_EXPORT="admin:$PASSWORD"
if [[ -n ${FROM_SEEDED:-} ]]; then
  PGPASSWORD= psql -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres <<SQL
UPDATE tenant t SET cluster_id = c.id, slug = 'c' || k.c || '-t' || k.t, namespace = 'nova-c' || k.c || '-t' || k.t
FROM (SELECT id, (n - 1) / $T + 1 AS c, (n - 1) % $T + 1 AS t
      FROM (SELECT id, substring(slug FROM 6)::int AS n FROM tenant WHERE slug ~ '^team-[0-9]+\$') numbered
      WHERE n <= $C * $T) k
JOIN cluster c ON c.name = 'c' || k.c
WHERE t.id = k.id;
SQL
  seed_time="(from $FROM_SEEDED: clusters over REST, tenants moved by SQL in $(secs "$seed_start") s)"
else
n=0
for (( c=1; c<=C; c++ )); do
  for (( t=1; t<=T; t++ )); do
    echo "$c $t $(base "$(turn $(( n++ )))")"
  done
done | xargs -P "$SEED_PARALLEL" -L 1 bash -c 'seed_one "$0" "$1" "$2"'
seed_time="$(secs "$seed_start") s"
fi
installs=$(api "$(base 0)/tenants/c$C-t$T/modules" | jq '.items | length')
if [[ -n ${FROM_SEEDED:-} ]]; then seeding="$C x 2 requests, one SQL statement"; else
  seeding="$(( C * (2 + T * 7) )) requests, $SEED_PARALLEL in parallel"; fi
echo "seeded $C clusters x $T tenants x 6 tools ($seeding) in $seed_time;" \
  "c$C-t$T has $installs installs"

# --- 2. The first reconcile of every cluster (everything new), one cluster after another. With AUTO=1 the scheduler
# has been reconciling during the seeding: wait until it is done, and this reconcile finds the rest (if any).
if [[ $AUTO == 1 ]]; then
  t0=$(now); settle; echo "the platform's own reconciles after seeding settled $(secs "$t0") s after the last request"
fi
: > "$DATA/first"
for (( c=1; c<=C; c++ )); do
  t0=$(now)
  api -XPOST "$(base "$(turn "$c")")/clusters/c$c/reconcile" -o "$DATA/reconcile.json"
  echo "$(secs "$t0")" >> "$DATA/first"
  [[ $(jq '.problems | length' "$DATA/reconcile.json") == 0 ]] || echo "c$c: $(jq -c .problems "$DATA/reconcile.json")" >&2
done
files=$(git -C "$(repo 1)" ls-tree -r --name-only HEAD | wc -l)
echo "$first_label: $(stats "$DATA/first"); $files files in c1's repository"

# --- 3. One change at a time, round robin over the clusters: PUT one tenant's jupyterhub values, then (AUTO=0) the
# synchronous change-only reconcile of its cluster, or (AUTO=1) wait for the scheduler's commit.
: > "$DATA/latencies"
bad_changes=0
max_touched=0
for (( i=1; i<=CHANGES; i++ )); do
  c=$(( (i - 1) % C + 1 ))
  t=$(( (i * 7919) % T + 1 ))
  b=$(base "$(turn "$i")")
  before=$(commits "$c")
  t0=$(now)
  api -XPUT "$b/tenants/c$c-t$t/modules/jupyterhub" -o /dev/null -d "{\"values\":{\"cull\":{\"timeout\":$(( 3600 + i ))}}}"
  put_ms=$(ms "$t0")
  if [[ $AUTO == 1 ]]; then
    deadline=$(( $(date +%s) + 120 ))
    until (( $(commits "$c") > before )); do
      (( $(date +%s) < deadline )) || { echo "change $i: no commit in c$c after 120 s" >&2; break; }
      sleep 0.02
    done
  else
    api -XPOST "$b/clusters/c$c/reconcile?changesOnly=true" -o "$DATA/reconcile.json"
  fi
  total_ms=$(ms "$t0")
  made=$(( $(commits "$c") - before ))
  changed=$(git -C "$(repo "$c")" diff --name-only HEAD~1 HEAD 2>/dev/null || true)
  touched=$(echo "$changed" | grep -c . || true)
  outside=$(echo "$changed" | grep -vc "^clusters/c$c/nova-c$c-t$t/" || true)
  (( touched > max_touched )) && max_touched=$touched
  [[ $made == 1 && $outside == 0 ]] || bad_changes=$(( bad_changes + 1 ))
  echo "$total_ms" >> "$DATA/latencies"
  echo "change $i (c$c-t$t via replica $(turn "$i")): $total_ms ms (PUT $put_ms ms), $made commit(s), $touched file(s)"
done
p50=$(pct "$DATA/latencies" 50); p99=$(pct "$DATA/latencies" 99)
echo "one change -> commit: p50 $p50 ms, p99 $p99 ms over $CHANGES; at most $max_touched files per commit;" \
  "changes not exactly 1 commit inside the tenant's directory: $bad_changes"

# --- 4. A reconcile with nothing to change, of every cluster.
[[ $AUTO == 1 ]] && settle
: > "$DATA/noop"
noop_commits=0
for (( c=1; c<=C; c++ )); do
  before=$(commits "$c")
  t0=$(now)
  api -XPOST "$(base "$(turn "$c")")/clusters/c$c/reconcile" -o "$DATA/reconcile.json"
  echo "$(secs "$t0")" >> "$DATA/noop"
  noop_commits=$(( noop_commits + $(commits "$c") - before ))
done
echo "no-op reconcile of each cluster: $(stats "$DATA/noop"); new commits: $noop_commits"

# --- 5. Memory of each replica after the runs.
rss_all=""
for (( i=0; i<REPLICAS; i++ )); do
  pid=${pids[$i]}
  rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))
  hwm=$(( $(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024 ))
  "$JCMD" "$pid" GC.run > /dev/null
  heap=$(( $("$JCMD" "$pid" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K.*/,"",v); print v; exit}}') / 1024 ))
  rss_all="$rss_all replica $i: RSS $rss MiB (peak $hwm MiB), heap $heap MiB after a full GC;"
done
echo "memory:$rss_all"
if [[ $AUTO == 1 ]]; then
  owned=$(for (( i=0; i<REPLICAS; i++ )); do
    curl -sf "localhost:$(( PORT + i ))/actuator/prometheus" | awk -v r="$i" '/^nova_reconcile_owned_clusters[ {]/ {printf "r%s %d ", r, $NF}'
  done)
  echo "clusters owned: $owned"
fi
load_end=$(load)

cat <<EOF

| $C clusters × $T tenants × 6 tools, $REPLICAS replica(s), $WORKERS workers | result |
|---|---|
| seeding ($seeding) | $seed_time |
| $first_label | $(stats "$DATA/first") |
| files in one cluster's repository | $files |
| one change → commit ($how), $CHANGES changes over $C clusters | p50 $p50 ms, p99 $p99 ms; each 1 commit of ≤ $max_touched files, $bad_changes outside the tenant's directory or not 1 commit |
| reconcile with nothing to change, per cluster | $(stats "$DATA/noop"), $noop_commits new commits |
| memory after the runs |$rss_all |
| load average (1, 5, 15 min) at the start / at the end ($(nproc) cores) | $load_start / $load_end |
EOF
