"""Where a benchmark's time goes, per request: the server's CPU (from /proc), PostgreSQL's CPU (its processes,
from /proc) and its time per statement (pg_stat_statements, which the dev database preloads), the load
generator's CPU, and the machine it ran on. Shared by scim_load.py and group-membership.py.
"""
import os
import resource
import subprocess

TICK = os.sysconf("SC_CLK_TCK")


def psql(url, sql):
    return subprocess.run(["psql", url, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def machine():
    """CPU model and cores, as a line."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores"


def load():
    return os.getloadavg()[0]


def _stat(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()


def process_cpu(pid, children=False):
    """CPU seconds (user + system) of a process; with children, also of its children it has waited for."""
    fields = _stat(pid)
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / TICK


def postgres_cpu(postmaster_pid):
    """CPU seconds of a PostgreSQL instance: the postmaster, its live processes, and those that ended (reaped)."""
    total = process_cpu(postmaster_pid, children=True)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = _stat(entry)
                if fields[1] == str(postmaster_pid):
                    total += (int(fields[11]) + int(fields[12])) / TICK
            except (OSError, IndexError):
                pass  # ended meanwhile
    return total


def children_cpu():
    """CPU seconds of this script's finished children (wrk, psql, pgbench)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class StatementTimes:
    """PostgreSQL's time per statement (pg_stat_statements) within the windows measured, everyone's statements
    (the request's, and the sealer's and relay's that ran meanwhile) included."""

    def __init__(self, url):
        self.url = url
        psql(url, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        self.totals = {}
        self.before = None

    def snapshot(self):
        rows = psql(self.url, """SELECT queryid, total_exec_time, calls, regexp_replace(left(query, 110), '\\s+', ' ', 'g')
                                   FROM pg_stat_statements""")
        return {q: (float(ms), int(calls), text) for q, ms, calls, text in
                (line.split("|", 3) for line in rows.split("\n") if line)}

    def start(self):
        self.before = self.snapshot()

    def stop(self):
        for q, (ms, calls, text) in self.snapshot().items():
            ms0, calls0, _ = self.before.get(q, (0.0, 0, text))
            total_ms, total_calls, _ = self.totals.get(q, (0.0, 0, text))
            self.totals[q] = (total_ms + ms - ms0, total_calls + calls - calls0, text)

    def total_ms(self):
        return sum(ms for ms, _, _ in self.totals.values())

    def top(self, n=8):
        return sorted((t for t in self.totals.values() if t[1] > 0), reverse=True)[:n]

    def print_top(self, per, top=8):
        for ms, calls, text in self.top(top):
            print(f"  {ms / per:8.1f} ms  {calls:>7} calls  {text}")


class ServerCpu:
    """CPU seconds the server process used from now on (user + system, from /proc), when its pid is known."""

    def __init__(self, pid=None):
        self.pid = pid or os.environ.get("SCIMLOG_BENCH_SERVER_PID")
        self.used = 0.0
        self.since = None

    def now(self):
        return process_cpu(self.pid) if self.pid else 0.0

    def start(self):
        self.since = self.now()

    def stop(self):
        self.used += self.now() - self.since

    def seconds(self):
        return self.used
