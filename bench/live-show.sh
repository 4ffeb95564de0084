#!/usr/bin/env bash
# Plays a live show against danhoi (servers it starts itself, or --url) and writes Markdown + JSON reports to
# bench/results/. Every argument is passed to vn.danhoi.bench.LiveShowBench; --help lists them.
# Uses DANHOI_PG_URL / DANHOI_REDIS_URL when set (a fresh database and Redis prefix per run), embedded
# PostgreSQL and Redis otherwise. Exit code 1 when a submission was lost or duplicated.
set -euo pipefail
cd "$(dirname "$0")/.."
args=""
for a in "$@"; do
  # exec:java splits -Dexec.args on spaces and honours single quotes
  args+="'${a//\'/\'\"\'\"\'}' "
done
exec mvn -q -B -Dstyle.color=never test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=vn.danhoi.bench.LiveShowBench \
  -Dexec.args="$args"
