#!/usr/bin/env python3
"""Group membership at scale, replaying the requests Okta and Entra ID send, measured from the client (one
keep-alive connection, requests one at a time), every answer checked.

Seeds users with SQL (creating users is not what is measured), then over HTTP, each request with the method,
path, query, headers and body of the client it imitates:
  Okta (developer.okta.com SCIM 2.0 reference, "Update specific Group membership"; User-Agent "Okta SCIM Client
  1.0.0"): POST /Groups with members, PATCH add {"op":"add","path":"members","value":[{value,display}]},
  PATCH remove {"op":"remove","path":"members[value eq \\"id\\"]"}, GET /Groups?startIndex=1&count=100;
  Entra ID (Microsoft's SCIM tutorial, "Update Group [Add Members]" / "[Remove Members]"): PATCH
  {"name":"addMember","op":"Add","path":"members","value":[{"$ref":null,"value":id}]} and "Remove" alike,
  GET /Groups/{id}?excludedAttributes=members.
Builds a group of 100,000 members (a POST and nine PATCH adds of 10,000, which also warm the server up), times
three POSTs of 10,000-member groups, then p50/p99 and the largest answer (status line, headers and body) of
one-member PATCH add and remove in both forms on the 100,000-member group. Any answer with the wrong status
or content is counted and printed; the exit status is 1 if there was any.
Usage: group-membership.py BASE_URL TOKEN PSQL_URL [samples]
"""
import http.client
import json
import sys
import time
import urllib.parse
import uuid

import accounting
from accounting import ServerCpu, StatementTimes

BASE, TOKEN, PSQL_URL = sys.argv[1], sys.argv[2], sys.argv[3]
SAMPLES = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
WARM_UP = 500
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
OKTA = {"User-Agent": "Okta SCIM Client 1.0.0", "Accept": "application/scim+json",
        "Content-Type": "application/scim+json"}
# Microsoft documents the bodies and media types, not a User-Agent string: none is invented here
ENTRA = {"Accept": "application/scim+json", "Content-Type": "application/scim+json"}
url = urllib.parse.urlparse(BASE)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
wrong = []


class Answer:
    def __init__(self, status, headers, body, ms):
        self.status, self.headers, self.body, self.ms = status, headers, body, ms
        # what travelled: status line, headers and body
        self.size = len(f"HTTP/1.1 {status} X\r\n") + sum(len(k) + len(v) + 4 for k, v in headers) + 2 + len(body)

    def header(self, name):
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def json(self):
        return json.loads(self.body) if self.body else None


def send(method, path, headers, body=None):
    data = None if body is None else json.dumps(body, separators=(",", ":"))
    all_headers = dict(headers)
    all_headers["Authorization"] = "Bearer " + TOKEN
    if data is None:
        all_headers.pop("Content-Type", None)
    start = time.perf_counter()
    conn.request(method, url.path + path, body=data, headers=all_headers)
    response = conn.getresponse()
    payload = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    return Answer(response.status, response.getheaders(), payload, elapsed)


def check(name, answer, status, *conditions):
    """Counts an answer as wrong unless it has the status and every (description, predicate) holds."""
    problems = [] if answer.status == status else [f"status {answer.status}, expected {status}"]
    if not problems:
        for description, predicate in conditions:
            try:
                ok = predicate(answer)
            except Exception as e:  # a body that is no JSON, a missing field
                ok = False
                description += f" ({type(e).__name__})"
            if not ok:
                problems.append(description)
    if problems:
        wrong.append(name)
        if len(wrong) <= 20:
            print(f"WRONG {name}: {'; '.join(problems)}: {answer.body[:300]!r}")
    return answer


def psql(sql):
    return accounting.psql(PSQL_URL, sql)


def seed_users(count):
    tenant = psql("SELECT id FROM tenant WHERE name = 'demo'")
    run = uuid.uuid4().hex[:8]
    psql(f"""INSERT INTO scim_user (tenant_id, id, user_name, active, doc, version, created_at, last_modified)
             SELECT '{tenant}', gen_random_uuid(), 'bench.{run}.' || i || '@example.com', true,
                    jsonb_build_object('schemas', jsonb_build_array('urn:ietf:params:scim:schemas:core:2.0:User'),
                                       'userName', 'bench.{run}.' || i || '@example.com', 'active', true,
                                       'displayName', 'Bench User ' || i),
                    1, now(), now()
               FROM generate_series(1, {count}) AS i""")
    rows = psql(f"SELECT id, user_name FROM scim_user WHERE user_name LIKE 'bench.{run}.%' ORDER BY created_at, id")
    return [tuple(line.split("|")) for line in rows.split("\n")]


def okta_members(users):
    return [{"value": i, "display": name} for i, name in users]


def okta_add(users):
    return {"schemas": [PATCH_OP], "Operations": [{"op": "add", "path": "members", "value": okta_members(users)}]}


def okta_remove(user_id):
    return {"schemas": [PATCH_OP], "Operations": [{"op": "remove", "path": f'members[value eq "{user_id}"]'}]}


def entra(op, name, user_id):
    return {"schemas": [PATCH_OP],
            "Operations": [{"name": name, "op": op, "path": "members", "value": [{"$ref": None, "value": user_id}]}]}


def version(answer):
    etag = answer.header("ETag") or ""
    return int(etag.strip('W/"')) if etag.startswith('W/"') else -1


def wait_for_background(timeout=600):
    """Until every commit-order reader (hash-chain sealer, stream relay, ...) has passed the newest event."""
    deadline = time.monotonic() + timeout
    while psql("""SELECT count(*) FROM log_reader_position p WHERE EXISTS
                    (SELECT 1 FROM log_event e WHERE (e.txid, e.seq) > (p.last_txid, p.last_seq))""") != "0":
        if time.monotonic() > deadline:
            sys.exit("the log's readers did not catch up within 10 minutes")
        time.sleep(0.5)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


load = accounting.load


def report(name, answers, loads):
    times = [a.ms for a in answers]
    print(f"RESULT {name:<52} n={len(times):<5} p50={percentile(times, 50):7.2f} ms  p99={percentile(times, 99):7.2f} ms"
          f"  largest answer {max(a.size for a in answers):>8,} B  load avg {min(loads):.1f}-{max(loads):.1f}")


def post_group(members, name):
    return check("Okta POST /Groups", send("POST", "/Groups", OKTA,
                 {"schemas": [GROUP], "displayName": name, "members": okta_members(members)}), 201,
                 ("the group with its members", lambda a: len(a.json()["members"]) == len(members)),
                 ("Location and ETag", lambda a: a.header("Location") and a.header("ETag") == 'W/"1"'))


def big_patch(name, body, headers, expected_version):
    return check(name, send("PATCH", f"/Groups/{big}", headers, body), 204,
                 ("no body", lambda a: a.body == b""),
                 ("the new version as ETag", lambda a: version(a) == expected_version))


users = seed_users(100_000 + 2 * SAMPLES + WARM_UP)
big_members, spare = users[:100_000], users[100_000:]
print(f"seeded {len(users)} users; load average {load():.1f}")

created = post_group(big_members[:10_000], f"Bench {uuid.uuid4()}")
big = created.json()["id"]
expected = 1
for start in range(10_000, 100_000, 10_000):
    expected += 1
    check("Okta PATCH add 10,000", send("PATCH", f"/Groups/{big}", OKTA, okta_add(big_members[start:start + 10_000])),
          204, ("the new version as ETag", lambda a, e=expected: version(a) == e))
total = psql(f"SELECT count(*) FROM group_member WHERE group_id = '{big}'")
print(f"group {big} has {total} members")

post_loads = []
statements = StatementTimes(PSQL_URL)
server_cpu = ServerCpu()
for run in range(3):
    # each POST starts once the sealer and the relay have caught up with the writes before it (90,000
    # membership events from building the big group): it measures the POST, not their backlog
    wait_for_background()
    post_loads.append(load())
    statements.start()
    server_cpu.start()
    answer = post_group(big_members[10_000 * (run + 1):10_000 * (run + 2)], f"Bench {uuid.uuid4()}")
    server_cpu.stop()
    statements.stop()
    print(f"RESULT Okta POST /Groups with 10,000 members (run {run + 1})  {answer.ms:8.1f} ms"
          f"  answer {answer.size:,} B  load avg {post_loads[-1]:.1f}")
print(f"where the three POSTs' time went: scimlog's JVM {server_cpu.seconds() / 3 * 1000:.0f} ms CPU per POST"
      " (its background jobs included while the POST ran); PostgreSQL statements, ms per POST:")
statements.print_top(3)

# warm-up on the same group (JIT, caches), in both clients' forms, undone afterwards: on two shared cores the
# JIT still compiles the PATCH path after a hundred of them, and the first series measured paid for it
for i, user in enumerate(spare[:WARM_UP]):
    expected += 1
    big_patch("warm-up add", okta_add([user]) if i % 2 == 0 else entra("Add", "addMember", user[0]),
              OKTA if i % 2 == 0 else ENTRA, expected)
    expected += 1
    big_patch("warm-up remove", okta_remove(user[0]) if i % 2 == 0 else entra("Remove", "removeMember", user[0]),
              OKTA if i % 2 == 0 else ENTRA, expected)

results = {}
for form, users_of_form in (("Okta", spare[WARM_UP:WARM_UP + SAMPLES]),
                            ("Entra", spare[WARM_UP + SAMPLES:WARM_UP + 2 * SAMPLES])):
    adds, removes, loads = [], [], []
    for user in users_of_form:
        expected += 1
        if form == "Okta":
            adds.append(big_patch("Okta PATCH add", okta_add([user]), OKTA, expected))
        else:
            adds.append(big_patch("Entra PATCH Add", entra("Add", "addMember", user[0]), ENTRA, expected))
        loads.append(load())
    for user in users_of_form:
        expected += 1
        if form == "Okta":
            removes.append(big_patch("Okta PATCH remove", okta_remove(user[0]), OKTA, expected))
        else:
            removes.append(big_patch("Entra PATCH Remove", entra("Remove", "removeMember", user[0]), ENTRA, expected))
        loads.append(load())
    results[form] = (adds, removes, loads)
after = psql(f"SELECT count(*) FROM group_member WHERE group_id = '{big}'")
if after != total:
    wrong.append("member count")
    print(f"WRONG the group has {after} members after adding and removing the same users, not {total}")

for form, (adds, removes, loads) in results.items():
    report(f"{form} PATCH add one member (100,000-member group)", adds, loads)
    report(f"{form} PATCH remove one member (100,000-member group)", removes, loads)

gets, loads = [], []
for _ in range(200):
    gets.append(check("Entra GET /Groups/{id}?excludedAttributes=members",
                      send("GET", f"/Groups/{big}?excludedAttributes=members", ENTRA), 200,
                      ("the group without members", lambda a: a.json()["id"] == big and "members" not in a.json())))
    loads.append(load())
report("Entra GET /Groups/{id}?excludedAttributes=members", gets, loads)
lists, loads = [], []
for _ in range(3):
    lists.append(check("Okta GET /Groups?startIndex=1&count=100", send("GET", "/Groups?startIndex=1&count=100", OKTA), 200,
                       ("a ListResponse", lambda a: a.json()["schemas"] == [LIST] and a.json()["Resources"])))
    loads.append(load())
report("Okta GET /Groups?startIndex=1&count=100 (import page)", lists, loads)

print(f"RESULT wrong answers: {len(wrong)}" + (f" ({', '.join(sorted(set(wrong)))})" if wrong else ""))
sys.exit(1 if wrong else 0)
