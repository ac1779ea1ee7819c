#!/usr/bin/env bash
# REST benchmark on loopback: start time, memory, and latency of the list and write endpoints with 1,000 tenants.
# Usage: bench/rest-benchmark.sh   (needs wrk: apt-get install wrk; builds the jar first if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=platform-app/target/nova-platform.jar
PORT=${PORT:-18080}
DATA=$(mktemp -d)
[[ -f $JAR ]] || ./mvnw -B -q -DskipTests package

start=$(date +%s.%N)
NOVA_DATA_DIR=$DATA NOVA_PORT=$PORT NOVA_SECURITY_OIDC_LOCAL_ADMIN_PASSWORD=bench-password \
  "$JAVA" -Xmx512m -jar "$JAR" > "$DATA/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$DATA"' EXIT
until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do sleep 0.2; done
echo "ready after: $(echo "$(date +%s.%N) - $start" | bc) s (embedded PostgreSQL, first start)"

B=localhost:$PORT/api/v1
curl -sf -u admin:bench-password -XPOST $B/gpu-pools -H 'Content-Type: application/json' -d '{"name":"h100","cluster":"local",
  "gpuModel":"H100-80GB","nodeCount":100,"gpusPerNode":8,"sharing":{"mode":"MIG","migLayout":"all-1g.10gb"}}' > /dev/null
seed_start=$(date +%s.%N)
for i in $(seq 1 1000); do
  curl -sf -u admin:bench-password -XPOST $B/tenants -H 'Content-Type: application/json' \
    -d "{\"slug\":\"team-$i\",\"displayName\":\"Team $i\",\"ownerGroups\":[\"g$i\"],\"quota\":{\"cpu\":\"16\"}}" > /dev/null
  curl -sf -u admin:bench-password -XPUT $B/tenants/team-$i/gpu-quotas/h100 -H 'Content-Type: application/json' -d '{"guaranteed":1}' > /dev/null
done
echo "seeded 1000 tenants + 1000 quotas sequentially in: $(echo "$(date +%s.%N) - $seed_start" | bc) s"

echo "--- GET /tenants?page=3&size=50 (2 threads, 16 connections, 15 s)"
wrk -t2 -c16 -d15s --latency -H "Authorization: Basic $(printf admin:bench-password | base64)" "http://$B/tenants?page=3&size=50" | grep -E "Latency|50%|99%|Requests/sec"
echo "--- GET /tenants?size=200"
wrk -t2 -c16 -d15s --latency -H "Authorization: Basic $(printf admin:bench-password | base64)" "http://$B/tenants?size=200" | grep -E "Latency|50%|99%|Requests/sec"
echo "--- GET /gpu-pools/h100 (capacity derived per request)"
wrk -t2 -c16 -d15s --latency -H "Authorization: Basic $(printf admin:bench-password | base64)" "http://$B/gpu-pools/h100" | grep -E "Latency|50%|99%|Requests/sec"
cat > "$DATA/put.lua" <<'LUA'
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"enabled":true,"values":{"hub":{"concurrentSpawnLimit":20}}}'
LUA
# Create the install first: 16 connections racing to create it would measure the 409s of the losers.
curl -sf -u admin:bench-password -XPUT $B/tenants/team-1/modules/jupyterhub -H 'Content-Type: application/json' \
  -d '{"enabled":true,"values":{"hub":{"concurrentSpawnLimit":20}}}' > /dev/null
echo "--- PUT /tenants/team-1/modules/jupyterhub, identical body (no-op path)"
wrk -t2 -c16 -d15s --latency -H "Authorization: Basic $(printf admin:bench-password | base64)" -s "$DATA/put.lua" "http://$B/tenants/team-1/modules/jupyterhub" \
  | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
echo "RSS after load: $(( $(grep VmRSS /proc/$pid/status | awk '{print $2}') / 1024 )) MiB (heap cap -Xmx512m)"
