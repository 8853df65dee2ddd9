#!/usr/bin/env python3
"""Latency of GET /api/v1/logs on a seeded log: p50/p99 per query shape (standard library only).

usage: log_query.py <base-url> <token> <target-ids-file> <user-names-file> [requests-per-shape] [clients]
                    [q-file since until [aggregate-file]]
q-file: lines "shape<TAB>q<TAB>matching events in [since, until)"; each q shape's answers are checked: status 200,
a page of min(100, matches) events in published order, each event holding every keyword as a word.
aggregate-file: lines "filter<TAB>outcome counts in [since, until) as JSON<TAB>event type counts as JSON", counted
in the database; each GET /api/v1/logs/aggregate answer is checked against them (total, outcomes, event types, the
buckets adding up to the total).
"""

import json
import random
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


def timed_get(url, token):
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
        links = response.headers.get_all("Link") or []
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, body, links


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p * len(ordered) + 0.5)) - 1))]


def run_shape(name, make_url, token, requests, clients):
    latencies, sizes, lock = [], [], threading.Lock()
    per_client = max(1, requests // clients)

    def client():
        for _ in range(per_client):
            elapsed, body, _ = timed_get(make_url(), token)
            with lock:
                latencies.append(elapsed)
                sizes.append(len(json.loads(body)))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("%-58s %6d requests  p50 %8.2f ms  p99 %8.2f ms  (avg %.0f events/page)" % (
        name, len(latencies), percentile(latencies, 0.50), percentile(latencies, 0.99), sum(sizes) / len(sizes)))


def words_of(node, words):
    """The words q matches in an event (as audit.Keywords extracts them; the uuid and published excluded)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("uuid", "published"):
                words_of(value, words)
    elif isinstance(node, list):
        for value in node:
            words_of(value, words)
    elif isinstance(node, str):
        value = node.lower()
        words.add(value)
        for word in value.split():
            words.add(word)
            words.update(part for part in word.split("-") if part)
    return words


def wrong_answer(status, body, q, expected):
    if status != 200:
        return "status %d" % status
    events = json.loads(body)
    if len(events) != min(100, expected):
        return "%d events, %d expected" % (len(events), min(100, expected))
    published = [e["published"] for e in events]
    if published != sorted(published):
        return "not in published order"
    keywords = q.lower().split()
    for event in events:
        if not set(keywords) <= words_of(event, set()):
            return "an event without every keyword"
    return None


def run_q_shape(name, base, token, cases, since, until, requests, clients):
    latencies, wrong, lock = [], [], threading.Lock()
    per_client = max(1, requests // clients)

    def client():
        for _ in range(per_client):
            q, expected = random.choice(cases)
            url = base + "/api/v1/logs?limit=100&since=%s&until=%s&q=%s" % (
                urllib.parse.quote(since), urllib.parse.quote(until), urllib.parse.quote(q))
            request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, body = response.status, response.read()
            except urllib.error.HTTPError as e:
                status, body = e.code, e.read()
            elapsed = (time.perf_counter() - started) * 1000
            problem = wrong_answer(status, body, q, expected)
            with lock:
                latencies.append(elapsed)
                if problem:
                    wrong.append("%s: %s" % (q, problem))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("%-58s %6d requests  p50 %8.2f ms  p99 %8.2f ms  wrong %d" % (
        name, len(latencies), percentile(latencies, 0.50), percentile(latencies, 0.99), len(wrong)))
    for problem in sorted(set(wrong))[:5]:
        print("    wrong: " + problem)


def wrong_aggregate(status, body, outcomes, types):
    if status != 200:
        return "status %d" % status
    answer = json.loads(body)
    if answer["outcomes"] != outcomes:
        return "outcomes %s, %s expected" % (answer["outcomes"], outcomes)
    if answer["total"] != sum(outcomes.values()) or sum(b["total"] for b in answer["buckets"]) != answer["total"]:
        return "total %d, buckets %d" % (answer["total"], sum(b["total"] for b in answer["buckets"]))
    if {t["eventType"]: t["count"] for t in answer["eventTypes"]} != types:
        return "event types differ"
    return None


def run_aggregate(base, token, cases, since, until, requests, clients):
    """GET /api/v1/logs/aggregate over [since, until), the chart of the System Log page, per filter."""
    for filter_text, outcomes, types in cases:
        latencies, wrong, lock = [], [], threading.Lock()
        url = base + "/api/v1/logs/aggregate?since=%s&until=%s" % (urllib.parse.quote(since), urllib.parse.quote(until))
        if filter_text:
            url += "&filter=" + urllib.parse.quote(filter_text)

        def client():
            for _ in range(max(1, requests // clients)):
                request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        status, body = response.status, response.read()
                except urllib.error.HTTPError as e:
                    status, body = e.code, e.read()
                elapsed = (time.perf_counter() - started) * 1000
                problem = wrong_aggregate(status, body, outcomes, types)
                with lock:
                    latencies.append(elapsed)
                    if problem:
                        wrong.append(problem)

        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print("%-58s %6d requests  p50 %8.2f ms  p95 %8.2f ms  p99 %8.2f ms  wrong %d  (load %s)" % (
            "aggregate, 7 days, filter=%s" % (filter_text or "(none)"), len(latencies), percentile(latencies, 0.50),
            percentile(latencies, 0.95), percentile(latencies, 0.99), len(wrong), open("/proc/loadavg").read().split()[0]))
        for problem in sorted(set(wrong))[:5]:
            print("    wrong: " + problem)


def run_polling(base, token, pages):
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 7 * 86400 + 3600))
    url = base + "/api/v1/logs?limit=1000&since=" + urllib.parse.quote(since)
    latencies, events = [], 0
    for _ in range(pages):
        elapsed, body, links = timed_get(url, token)
        latencies.append(elapsed)
        events += len(json.loads(body))
        nxt = [l for l in links if 'rel="next"' in l]
        if not nxt:
            break
        url = nxt[0][nxt[0].index("<") + 1:nxt[0].index(">")]
    print("%-58s %6d requests  p50 %8.2f ms  p99 %8.2f ms  (%d events)" % (
        "polling, pages of 1000 following next links", len(latencies),
        percentile(latencies, 0.50), percentile(latencies, 0.99), events))


def main():
    base, token, targets_file, names_file = sys.argv[1:5]
    requests = int(sys.argv[5]) if len(sys.argv) > 5 else 400
    clients = int(sys.argv[6]) if len(sys.argv) > 6 else 4
    targets = open(targets_file).read().split()
    names = open(names_file).read().split()
    q = urllib.parse.quote

    # warm up caches and the JIT a little, as a running server would be
    for _ in range(50):
        timed_get(base + "/api/v1/logs?filter=" + q('target.id eq "%s"' % random.choice(targets)), token)

    run_shape('filter=target.id eq "<user id>"',
              lambda: base + "/api/v1/logs?filter=" + q('target.id eq "%s"' % random.choice(targets)),
              token, requests, clients)
    run_shape('filter=eventType eq "user.lifecycle.deactivate" and outcome.result eq "FAILURE"',
              lambda: base + "/api/v1/logs?filter=" + q('eventType eq "user.lifecycle.deactivate" and outcome.result eq "FAILURE"'),
              token, requests, clients)
    if len(sys.argv) > 9:
        shapes = {}
        for line in open(sys.argv[7]).read().splitlines():
            shape, keywords, expected = line.split("\t")
            shapes.setdefault(shape, []).append((keywords, int(expected)))
        for shape, cases in shapes.items():
            low, high = min(c[1] for c in cases), max(c[1] for c in cases)
            run_q_shape("q, %s keywords (%d..%d matches), pages of 100" % (shape, low, high), base, token, cases,
                        sys.argv[8], sys.argv[9], requests, clients)
    else:
        run_shape("q=<userName keyword>",
                  lambda: base + "/api/v1/logs?q=" + q(random.choice(names)),
                  token, requests, clients)
    if len(sys.argv) > 10:
        cases = []
        for line in open(sys.argv[10]).read().splitlines():
            filter_text, outcomes, types = line.split("\t")
            cases.append((filter_text, json.loads(outcomes), json.loads(types)))
        run_aggregate(base, token, cases, sys.argv[8], sys.argv[9], requests, clients)
    run_polling(base, token, max(50, requests // 4))


if __name__ == "__main__":
    main()
