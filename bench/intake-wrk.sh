#!/usr/bin/env bash
# Measures POST /api/episodes/{id}/questions with wrk against a server started here on the machine's
# PostgreSQL and Redis (a fresh database, rate limit lifted). Usage: bench/intake-wrk.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
conns=${2:-64}
pg=${DANHOI_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}
db=danhoi_bench
psql "${pg}" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
[ -f target/danhoi.jar ] || mvn -q -DskipTests package
DANHOI_PG_URL="${pg%/*}/$db" DANHOI_REDIS_URL=${DANHOI_REDIS_URL:-redis://127.0.0.1:6379} \
  DANHOI_REDIS_PREFIX=bench: DANHOI_DEMO=on DANHOI_HTTP_PORT=18090 DANHOI_DATA_DIR=target/bench-data \
  DANHOI_RATE_LIMIT_PER_MINUTE=10000000 DANHOI_RATE_LIMIT_BURST=10000000 \
  java -jar target/danhoi.jar > target/bench-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:18090/health >/dev/null && break; sleep 1; done
episode=$(curl -s http://127.0.0.1:18090/api/episodes | \
  python3 -c 'import json,sys; print(next(e["id"] for e in json.load(sys.stdin) if e["intake"]["open"]))')
EPISODE=$episode wrk -t2 -c"$conns" -d5s -s bench/post-question.lua http://127.0.0.1:18090 >/dev/null
EPISODE=$episode wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/post-question.lua http://127.0.0.1:18090
echo "rows in PostgreSQL: $(psql "${pg%/*}/$db" -Atc 'SELECT count(*) FROM submissions')"
echo "not yet queued: $(psql "${pg%/*}/$db" -Atc 'SELECT count(*) FROM submission_queue WHERE queued_at IS NULL')"
redis-cli --scan --pattern 'bench:*' | xargs -r redis-cli del >/dev/null
