#!/usr/bin/env python3
"""Turns what bench/intake-profile.sh recorded into a Markdown report: CPU per accepted submission by
process, the server's CPU by component (async-profiler samples, leaf-most matching frame), and PostgreSQL's
own hottest functions (perf)."""
import argparse
import collections
import os
import re
import sys

# a sample is charged to the first of these that a frame matches, walking from the leaf towards the root;
# the compiler and the collector are whole threads, matched anywhere in the stack first
THREADS = [
    ("JIT compiler (C1/C2)", re.compile(r"CompileBroker|C2Compiler|Compile::|Compilation::|CompilerThread")),
    ("garbage collector", re.compile(r"G1|GCTaskThread|ConcurrentGCThread|GangWorker|WorkerThread::run")),
]
LEAF = [
    ("kernel (socket send and receive, epoll, scheduling)", re.compile(r"_\[k\]$")),
    ("JSON (Jackson, Vert.x JsonObject)", re.compile(r"^(com/fasterxml/jackson|io/vertx/core/json)")),
    ("PostgreSQL client (codec, pool)", re.compile(r"^io/vertx/(pgclient|sqlclient)")),
    ("Redis client (Lettuce)", re.compile(r"^io/lettuce")),
    ("logging", re.compile(r"^(ch/qos/logback|org/slf4j)")),
    ("metrics (Micrometer)", re.compile(r"^io/micrometer")),
    ("HTTP: parsing, routing, body handling (Netty codec, Vert.x Web)",
     re.compile(r"^(io/netty/handler/codec/http|io/vertx/ext/web|io/vertx/core/http)")),
    ("danhoi's own code (validation, folding, SQL tuples)", re.compile(r"^vn/danhoi")),
    ("Netty I/O, buffers, event loop", re.compile(r"^io/netty")),
    ("Vert.x core (contexts, futures)", re.compile(r"^io/vertx")),
    ("JDK (strings, text normalisation, collections, crypto)", re.compile(r"^(java|jdk|sun|com/sun)/")),
]
OTHER = "other JVM runtime and native code"


def parse_ticks(text):
    return {k: int(v) for k, v in (p.split("=") for p in text.split())}


def categorise(frames):
    for name, pattern in THREADS:
        if any(pattern.search(f) for f in frames):
            return name
    for frame in reversed(frames):
        for name, pattern in LEAF:
            if pattern.search(frame):
                return name
    return OTHER


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--rows", nargs=2, type=int, required=True)
    ap.add_argument("--wrk-cpu", required=True, help="what bash's times printed for wrk: 0m1.5s 0m2.0s")
    ap.add_argument("--seconds", type=float, required=True)
    ap.add_argument("--connections", required=True)
    ap.add_argument("--hz", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--commit", required=True)
    a = ap.parse_args()

    before, after = parse_ticks(a.before), parse_ticks(a.after)
    wrk_seconds = sum(int(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", a.wrk_cpu))
    before["wrk"], after["wrk"] = 0, round(wrk_seconds * a.hz)
    accepted = a.rows[1] - a.rows[0]
    per = lambda ticks: ticks / a.hz / max(accepted, 1) * 1e6  # noqa: E731 (µs of CPU per submission)
    wrk = open(os.path.join(a.dir, "wrk.txt")).read()
    refused = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
    if accepted <= 0 or refused:
        sys.exit(f"the window accepted {accepted} submissions and wrk saw "
                 f"{refused.group(1) if refused else 0} refusals: no profile of intake to report\n{wrk}")

    print(f"# Where the CPU of one accepted web question goes ({a.commit})\n")
    print(f"Command: `{a.command}` (the machine's PostgreSQL and Redis; wrk, closed loop, "
          f"{a.connections} connections). Window: {a.seconds:.0f} s after the warm-up.\n")
    print(f"- Accepted in the window (rows in PostgreSQL): **{accepted:,}**, "
          f"**{accepted / a.seconds:,.0f}/s**")
    m = re.search(r"Latency Distribution.*?50%\s+(\S+).*?99%\s+(\S+)", wrk, re.S)
    if m:
        print(f"- wrk latency p50 {m.group(1)}, p99 {m.group(2)}")
    print()
    print("| process | cores busy | CPU per submission |")
    print("| --- | ---: | ---: |")
    for kind in ("server", "postgres", "redis", "wrk", "machine"):
        d = after[kind] - before[kind]
        label = {"server": "danhoi (the JVM)", "postgres": "PostgreSQL (all its processes)",
                 "redis": "Redis", "wrk": "wrk (the load)", "machine": "whole machine"}[kind]
        print(f"| {label} | {d / a.hz / a.seconds:.2f} | {per(d):,.0f} µs |")
    server_us = per(after["server"] - before["server"])

    collapsed = os.path.join(a.dir, "server.collapsed")
    if os.path.exists(collapsed):
        by_cat = collections.Counter()
        own = collections.Counter()
        leaves = collections.Counter()
        total = 0
        for line in open(collapsed):
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not count.isdigit():
                continue
            n = int(count)
            frames = stack.split(";")
            total += n
            by_cat[categorise(frames)] += n
            leaves[frames[-1]] += n
            for f in set(fr for fr in frames if fr.startswith("vn/danhoi")):
                own[f] += n
        print(f"\n## danhoi's JVM by component (async-profiler, {total:,} CPU samples)\n")
        print("Each sample is charged to the leaf-most frame that names a component; µs per submission is "
              "the share of samples times the JVM's measured CPU per submission.\n")
        print("| component | share | µs per submission |")
        print("| --- | ---: | ---: |")
        for name, n in by_cat.most_common():
            print(f"| {name} | {n / total:.1%} | {server_us * n / total:,.1f} |")
        print("\n### danhoi's methods, inclusive (their callees counted)\n")
        print("| method | share | µs per submission |")
        print("| --- | ---: | ---: |")
        for f, n in own.most_common(20):
            print(f"| `{f}` | {n / total:.1%} | {server_us * n / total:,.1f} |")
        print("\n### Hottest leaf frames\n")
        print("| frame | share |")
        print("| --- | ---: |")
        for f, n in leaves.most_common(20):
            print(f"| `{f}` | {n / total:.1%} |")

    pg_report = os.path.join(a.dir, "perf-postgres.txt")
    if os.path.exists(pg_report):
        rows = []
        for line in open(pg_report):
            mm = re.match(r"\s*([\d.]+)%\s+\[(.)\]\s+(.+?)\s*$", line)
            if mm:
                rows.append((float(mm.group(1)), mm.group(2), mm.group(3)))
        if rows:
            pg_us = per(after["postgres"] - before["postgres"])
            print(f"\n## PostgreSQL's functions (perf, all processes named postgres)\n")
            print("Share of PostgreSQL's samples; `[k]` is the kernel (WAL writes, fsync, sockets).\n")
            print("| function | share | µs per submission |")
            print("| --- | ---: | ---: |")
            for pct, where, sym in rows[:30]:
                print(f"| `{sym}`{' [k]' if where == 'k' else ''} | {pct:.1f} % | {pg_us * pct / 100:,.1f} |")


if __name__ == "__main__":
    main()
