#!/usr/bin/env python3
"""SCIM throughput and where its time goes, per request (run by ops/bench/scim-load, which builds the jar first).

The dev stack's PostgreSQL and Kafka run in one process (`dev --stack-only`) and scimlog in serve mode in another,
with -Xmx512m, so the server's CPU read from /proc is its own (not the broker's) and its start can be timed on a
database and a broker that are already up. wrk (C) applies Okta's POST /Users and then Okta's
GET /Users?filter=userName eq "..." over the users just created, after a warm-up of both. For each measured phase:
requests/s, p50/p99, and per request the server's CPU, PostgreSQL's CPU (its processes, /proc), PostgreSQL's
statement time (pg_stat_statements; every statement that ran, background jobs' included) with the statements
that cost most, wrk's own CPU, and the load average. Then pgbench's ceiling on the same PostgreSQL, and the ratios.
The warm-up lasts warm-up-seconds and then goes on (at most four times as long) until the JIT compilers worked
under 2 % of a round. Lookups are measured again on two fresh servers that differ only in SCIMLOG_RECORD_READS
(none, then all), each after a lookup warm-up of the same rule: their ratio is what recording every read costs.
Usage: scim_load.py [connections=16] [seconds=20] [warm-up-seconds=90]
With SCIMLOG_BENCH_JFR=1 the measured phases of the first server also run under Java Flight Recorder and print the
methods the server's CPU samples fell in (self, and the first scimlog frame of each stack).
Ports: SCIMLOG_BENCH_HTTP_PORT (18080), SCIMLOG_BENCH_PG_PORT (54339), SCIMLOG_BENCH_KAFKA_PORT (59139).
Exits 1 on a wrong answer, a socket error (no answer within 10 s) or a server that did not start.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import accounting
from accounting import StatementTimes

PROFILE = os.environ.get("SCIMLOG_BENCH_JFR") == "1"

CONNECTIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 16
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
WARMUP = int(sys.argv[3]) if len(sys.argv) > 3 else 90
HTTP_PORT = int(os.environ.get("SCIMLOG_BENCH_HTTP_PORT", "18080"))
PG_PORT = int(os.environ.get("SCIMLOG_BENCH_PG_PORT", "54339"))
KAFKA_PORT = int(os.environ.get("SCIMLOG_BENCH_KAFKA_PORT", "59139"))
DATA = "target/bench-data"
JAR = "target/scimlog.jar"
JVM = ["java", "-Xmx512m", "-XX:+UseParallelGC"]
URL = f"http://127.0.0.1:{HTTP_PORT}"
PSQL_URL = f"postgresql://postgres@127.0.0.1:{PG_PORT}/postgres"
wrong = []


def wait_for(what, condition, timeout, process=None, log=None):
    deadline = time.monotonic() + timeout
    while not condition():
        if process is not None and process.poll() is not None:
            sys.exit(f"{what}: the process exited; see {log}")
        if time.monotonic() > deadline:
            sys.exit(f"{what}: not within {timeout} s; see {log}")
        time.sleep(0.02)


def status(path):
    try:
        with urllib.request.urlopen(URL + path, timeout=2) as answer:
            return answer.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


class Stack:
    """PostgreSQL and Kafka of the dev stack, in a process of their own."""

    def __init__(self):
        shutil.rmtree(DATA, ignore_errors=True)
        os.makedirs(DATA)
        self.log = "target/bench-stack.log"
        env = dict(os.environ, SCIMLOG_DATA_DIR=DATA, SCIMLOG_DEV_PG_PORT=str(PG_PORT), SCIMLOG_DEV_KAFKA_PORT=str(KAFKA_PORT))
        with open(self.log, "w") as out:
            self.process = subprocess.Popen(JVM + ["-jar", JAR, "dev", "--stack-only"], env=env, stdout=out,
                                            stderr=subprocess.STDOUT)
        wait_for("PostgreSQL and Kafka", lambda: "KAFKA_BOOTSTRAP=" in open(self.log).read(), 180, self.process, self.log)
        text = open(self.log).read()
        self.jdbc = re.search(r"^SCIMLOG_DB_URL=(\S+)", text, re.M).group(1)
        self.bootstrap = re.search(r"^KAFKA_BOOTSTRAP=(\S+)", text, re.M).group(1)
        with open(f"{DATA}/postgres/postmaster.pid") as pid:
            self.postmaster = int(pid.readline())

    def stop(self):
        self.process.terminate()
        self.process.wait(60)


class Server:
    """scimlog in serve mode; start() returns the seconds from exec to a 200 from /health/readiness."""

    # what a Phase needs of any server it loads (ops/bench/vs_keycloak.py loads Keycloak with the same Phase)
    label = "scimlog JVM"
    url = URL

    def __init__(self, stack, record_reads, name):
        self.env = dict(os.environ, SCIMLOG_DB_URL=stack.jdbc, SCIMLOG_DB_USER="postgres",
                        SCIMLOG_KAFKA_BOOTSTRAP=stack.bootstrap, SCIMLOG_STREAM_REPLICATION_FACTOR="1",
                        SCIMLOG_PORT=str(HTTP_PORT), SCIMLOG_METRICS_ANONYMOUS="true", SCIMLOG_RECORD_READS=record_reads,
                        # what is measured is the server, not the limits a tenant is sold
                        SCIMLOG_RATE_LIMIT_PER_CREDENTIAL="0", SCIMLOG_RATE_LIMIT_PER_TENANT="0")
        self.log = f"target/bench-server-{name}.log"
        self.record_reads = record_reads
        self.process = None

    def start(self):
        began = time.monotonic()
        with open(self.log, "w") as out:
            self.process = subprocess.Popen(JVM + ["-jar", JAR], env=self.env, stdout=out, stderr=subprocess.STDOUT)
        wait_for("scimlog ready", lambda: status("/health/readiness") == 200, 180, self.process, self.log)
        return time.monotonic() - began

    @property
    def pid(self):
        return self.process.pid

    def heap_after_gc_mb(self):
        subprocess.run(["jcmd", str(self.process.pid), "GC.run"], capture_output=True, timeout=60)
        with urllib.request.urlopen(URL + "/prometheus", timeout=10) as answer:
            lines = answer.read().decode().splitlines()
        return sum(float(line.rsplit(" ", 1)[1]) for line in lines
                   if line.startswith("jvm_memory_used_bytes{") and 'area="heap"' in line) / 1048576

    def stop(self):
        self.process.terminate()
        self.process.wait(60)


def wait_for_log_readers(timeout=300):
    """Until the sealer, rollup and relay have passed the newest event: the next phase pays for its own backlog only."""
    wait_for("the log's readers catch up", lambda: accounting.psql(PSQL_URL, """
        SELECT count(*) FROM log_reader_position p WHERE EXISTS
          (SELECT 1 FROM log_event e WHERE (e.txid, e.seq) > (p.last_txid, p.last_seq))""") == "0", timeout)


def wrk(script, seconds, *args, url=URL):
    # a 10 s timeout, not wrk's 2 s: a slow answer is then measured, not dropped from the count as a socket error
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", f"ops/bench/{script}",
                          url, "--", *args],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("WRONG"):
            print(line)
    return out


class Phase:
    """One measured wrk run and what it cost, per request."""

    def __init__(self, name, server, stack):
        self.name, self.server, self.stack = name, server, stack

    def run(self, script, *args, profile=False):
        if profile:
            jfr = f"target/bench-{re.sub('[^a-z]+', '-', self.name.lower()).strip('-')}.jfr"
            subprocess.run(["jcmd", str(self.server.pid), "JFR.start", "name=bench", "settings=profile",
                            f"filename={os.path.abspath(jfr)}"], capture_output=True, check=True)
        statements = StatementTimes(PSQL_URL)
        server0 = accounting.process_cpu(self.server.pid)
        pg0 = accounting.postgres_cpu(self.stack.postmaster)
        kafka0 = accounting.process_cpu(self.stack.process.pid)
        wrk0 = accounting.children_cpu()
        statements.start()
        began = time.monotonic()
        self.output = wrk(script, SECONDS, *args, url=self.server.url)
        elapsed = time.monotonic() - began
        statements.stop()
        self.load = accounting.load()
        result = re.search(r"^RESULT .*? (\d+) requests, (\d+) wrong answers.*?, (\d+) req/s, p50 ([\d.]+) ms, p99 ([\d.]+) ms",
                           self.output, re.M)
        if not result:
            sys.exit(f"wrk printed no result for {self.name}:\n{self.output}")
        n, bad = int(result.group(1)), int(result.group(2))
        self.rate, self.p50, self.p99 = float(result.group(3)), float(result.group(4)), float(result.group(5))
        if bad:
            wrong.append(f"{self.name}: {bad}")
        errors = re.search(r"(\d+) socket errors", self.output)
        if errors and int(errors.group(1)):
            wrong.append(f"{self.name}: {errors.group(1)} socket errors (no answer within wrk's timeout, or a broken connection)")
        per = max(n, 1) / 1e6  # seconds -> µs per request
        self.server_us = (accounting.process_cpu(self.server.pid) - server0) / per
        self.pg_us = (accounting.postgres_cpu(self.stack.postmaster) - pg0) / per
        self.kafka_us = (accounting.process_cpu(self.stack.process.pid) - kafka0) / per
        self.wrk_us = (accounting.children_cpu() - wrk0) / per
        self.statement_us = statements.total_ms() * 1000 / n
        print(f"RESULT {self.name:<34} {self.rate:7.0f} req/s  p50 {self.p50:6.2f} ms  p99 {self.p99:7.2f} ms  ({n} requests,"
              f" {bad} wrong, {elapsed:.0f} s, load average {self.load:.1f})")
        print(f"  CPU per request: {self.server.label} {self.server_us:6.0f} µs, PostgreSQL {self.pg_us:6.0f} µs"
              f" (statements {self.statement_us:5.0f} µs), Kafka + stack JVM {self.kafka_us:5.0f} µs, wrk {self.wrk_us:4.0f} µs;"
              f" sum {self.server_us + self.pg_us + self.kafka_us + self.wrk_us:6.0f} µs"
              f" of {os.cpu_count() * 1e6 / max(self.rate, 1):6.0f} µs the cores had per request")
        print("  statements (every one that ran in the phase, background jobs' included): µs and calls per request")
        for ms, calls, text in statements.top(6):
            print(f"    {ms * 1000 / n:7.0f} µs  {calls / n:6.2f}  {text}")
        if profile:
            subprocess.run(["jcmd", str(self.server.pid), "JFR.stop", "name=bench"], capture_output=True, check=True)
            hot_methods(jfr)
        return self


def hot_methods(jfr, top=25):
    """The server's CPU samples (JFR jdk.ExecutionSample): where they fell, and the first scimlog frame of each."""
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", jfr],
                         capture_output=True, text=True).stdout
    samples = json.loads(out)["recording"]["events"]
    selfs, ours, inclusive = {}, {}, {}

    def name(frame):
        method = frame["method"]
        return f"{method['type']['name']}.{method['name']}"

    for sample in samples:
        frames = sample["values"]["stackTrace"]["frames"]
        if not frames:
            continue
        selfs[name(frames[0])] = selfs.get(name(frames[0]), 0) + 1
        first = next((name(f) for f in frames if name(f).startswith("org.scimlog")), "(no scimlog frame)")
        ours[first] = ours.get(first, 0) + 1
        for method in {name(f) for f in frames}:
            inclusive[method] = inclusive.get(method, 0) + 1
    total = max(len(samples), 1)
    print(f"  JFR {jfr}: {len(samples)} CPU samples")
    for title, counts in (("self", selfs), ("first scimlog frame", ours), ("inclusive", inclusive)):
        print(f"  top by {title}:")
        for method, count in sorted(counts.items(), key=lambda kv: -kv[1])[:top]:
            print(f"    {100 * count / total:5.1f} %  {method}")


def jit_ms(pid):
    """Milliseconds the JIT compilers have worked in the server so far (HotSpot's own counters, via jcmd)."""
    out = subprocess.run(["jcmd", str(pid), "PerfCounter.print"], capture_output=True, text=True).stdout
    total = re.search(r"^java\.ci\.totalTime=(\d+)", out, re.M)
    frequency = re.search(r"^sun\.os\.hrt\.frequency=(\d+)", out, re.M)
    return int(total.group(1)) * 1000 / int(frequency.group(1)) if total and frequency else 0.0


def warm_up(server, rounds):
    """
    At least WARMUP seconds of the load, then more rounds until the JIT has settled: a round in which the compilers
    worked under 2 % of its time (at most 4 x WARMUP). Seconds alone do not warm a server: on a busier or slower
    machine the compilers get less CPU in the same seconds, and the measured phase then measures them (a server
    measured after 45 s at load average 18 spent 21 ms of CPU per create, seven times what a warm one spends).
    """
    began = time.monotonic()
    n = 0
    while True:
        n += 1
        jit0, t0 = jit_ms(server.pid), time.monotonic()
        rounds(n)
        share = (jit_ms(server.pid) - jit0) / ((time.monotonic() - t0) * 1000)
        elapsed = time.monotonic() - began
        print(f"  warm-up round {n}: {elapsed:.0f} s so far, the JIT compilers worked {100 * share:.1f} % of the round"
              f" (load average {accounting.load():.1f})")
        if elapsed >= WARMUP and share < 0.02 or elapsed >= 4 * WARMUP:
            return


def created_per_thread(output):
    found = re.search(r"^THREADS (\d+) CREATED_PER_THREAD (\d+)$", output, re.M)
    return int(found.group(1)), int(found.group(2))


def lookups(name, server, stack, run, threads, per, profile=False):
    return Phase(name, server, stack).run("scim-lookup.lua", run, token, str(threads),
                                          str(per - CONNECTIONS if per > CONNECTIONS else 1), profile=profile)


def token_for(stack):
    env = dict(os.environ, SCIMLOG_DB_URL=stack.jdbc, SCIMLOG_DB_USER="postgres")
    out = subprocess.run(["java", "-jar", JAR, "tenant", "create", "bench", "--database", "--scopes", "scim"],
                         env=env, capture_output=True, text=True)
    found = re.search(r"^SCIM_TOKEN=(\S+)", out.stdout, re.M)
    if not found:
        sys.exit(f"no token:\n{out.stdout}{out.stderr}")
    return found.group(1)


if __name__ == "__main__":
    load_before = accounting.load()
    print(f"machine: {accounting.machine()}; load average before {load_before:.1f}"
          f" (1/5/15 min: {' '.join(f'{x:.1f}' for x in os.getloadavg())})")
    print(f"wrk with 2 threads and {CONNECTIONS} connections, {SECONDS} s per phase, {WARMUP} s warm-up; scimlog with"
          f" {' '.join(JVM[1:])}. scim-load is a closed loop (each connection sends as fast as answers come): no rate"
          " is asked, so none can be missed; the rates below are what the server reached")
    stack = Stack()
    servers = []
    try:
        server = Server(stack, "all", "all")
        servers.append(server)
        first_start = server.start()
        print(f"RESULT start to ready (PostgreSQL and Kafka up, first start: schema migrations): {first_start:.2f} s")
        token = token_for(stack)
        # Warm-up: on two busy cores the JIT needs a minute or more of load before the hot paths are compiled.
        # Creates come last, right before the measured creates.
        print(f"warming up for {WARMUP} s or more (until the JIT settles)")
        step = max(5, min(30, WARMUP // 3))

        def create_and_look_up(n):
            warm = wrk("scim-create.lua", step, f"warm{n}", token)
            wrk("scim-lookup.lua", step, f"warm{n}", token, *map(str, created_per_thread(warm)))
            wrk("scim-create.lua", step, f"warm{n}b", token)

        warm_up(server, create_and_look_up)
        wait_for_log_readers()
        run = str(int(time.time()))
        creates = Phase("POST /Users (Okta create)", server, stack).run("scim-create.lua", run, token, profile=PROFILE)
        threads, per = created_per_thread(creates.output)
        wait_for_log_readers()
        lookups_first = lookups("GET userName eq (reads: all)", server, stack, run, threads, per, PROFILE)
        heap = [server.heap_after_gc_mb()]
        server.stop()
        wait_for_log_readers()
        ceiling = subprocess.run(["ops/bench/pg-ceiling", str(PG_PORT), str(SECONDS)], capture_output=True, text=True).stdout
        print(ceiling.strip())
        found = re.search(r"write .*? (\d+) tx/s, lookup .*? (\d+) tx/s", ceiling)
        write_ceiling, lookup_ceiling = (float(found.group(1)), float(found.group(2))) if found else (0, 0)

        # the audit's cost: two fresh servers that differ only in SCIMLOG_RECORD_READS, each after the same warm-up
        compared = {}
        starts = []
        for mode in ("none", "all"):
            server = Server(stack, mode, mode + "-2")
            servers.append(server)
            starts.append(server.start())
            print(f"RESULT start to ready (PostgreSQL and Kafka up, SCIMLOG_RECORD_READS={mode}): {starts[-1]:.2f} s")
            warm_up(server, lambda n: wrk("scim-lookup.lua", step, run, token, str(threads), str(per)))
            wait_for_log_readers()
            compared[mode] = lookups(f"GET userName eq (reads: {mode})", server, stack, run, threads, per)
            heap.append(server.heap_after_gc_mb())
            server.stop()
    finally:
        for s in servers:
            if s.process and s.process.poll() is None:
                s.stop()
        stack.stop()


    def ratio(a, b):
        return f"{a / b:.2f}" if b else "n/a"


    print(f"RESULT creates / pgbench write ceiling: {creates.rate:.0f} / {write_ceiling:.0f} = {ratio(creates.rate, write_ceiling)}"
          " (target >= 0.45)")
    print(f"RESULT lookups (all) / pgbench lookup ceiling: {lookups_first.rate:.0f} / {lookup_ceiling:.0f} ="
          f" {ratio(lookups_first.rate, lookup_ceiling)} (target >= 0.20)")
    print(f"RESULT lookups all / none (fresh servers, same warm-up): {compared['all'].rate:.0f} / {compared['none'].rate:.0f} ="
          f" {ratio(compared['all'].rate, compared['none'].rate)} (target >= 0.75); scimlog CPU per lookup"
          f" {compared['all'].server_us:.0f} vs {compared['none'].server_us:.0f} µs, PostgreSQL"
          f" {compared['all'].pg_us:.0f} vs {compared['none'].pg_us:.0f} µs")
    print(f"RESULT start to ready once PostgreSQL and Kafka are up: {' / '.join(f'{s:.2f}' for s in starts)} s (target < 5 s)")
    print(f"RESULT heap after GC (-Xmx512m): {' / '.join(f'{h:.0f}' for h in heap)} MB after each server's load")
    print(f"RESULT load average: before {load_before:.1f}, during the phases"
          f" {min(p.load for p in (creates, lookups_first, *compared.values())):.1f}-"
          f"{max(p.load for p in (creates, lookups_first, *compared.values())):.1f}; machine: {accounting.machine()}")
    if wrong:
        print(f"RESULT wrong answers: {', '.join(wrong)}")
    sys.exit(1 if wrong else 0)
