#!/usr/bin/env python3
"""Group membership at scale, measured from the client (one keep-alive connection, requests one at a time).

Seeds users with SQL (creating users is not what is measured), then over HTTP: POSTs a 10,000-member group
and grows it to 100,000 members with PATCH adds of 10,000 (which also warms the server up), times three
POSTs of further 10,000-member groups, and on the big group times single-member PATCH add, single-member
PATCH remove (Okta's members[value eq "id"]) and GET ?excludedAttributes=members.
Usage: group-membership.py BASE_URL TOKEN PSQL_URL [samples]
"""
import http.client
import json
import subprocess
import sys
import time
import urllib.parse
import uuid

BASE, TOKEN, PSQL_URL = sys.argv[1], sys.argv[2], sys.argv[3]
SAMPLES = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
url = urllib.parse.urlparse(BASE)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)


def call(method, path, body=None, expect=200):
    data = None if body is None else json.dumps(body)
    headers = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/scim+json"}
    start = time.perf_counter()
    conn.request(method, url.path + path, body=data, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status != expect:
        sys.exit(f"{method} {path}: {response.status} {payload[:300]!r}")
    return elapsed, (json.loads(payload) if payload else None)


def psql(sql):
    return subprocess.run(["psql", PSQL_URL, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


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
    ids = psql(f"SELECT id FROM scim_user WHERE user_name LIKE 'bench.{run}.%' ORDER BY created_at, id")
    return ids.split("\n")


def members(ids):
    return [{"value": i} for i in ids]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(name, values):
    print(f"RESULT {name:<44} n={len(values):<5} p50={percentile(values, 50):7.2f} ms  p99={percentile(values, 99):7.2f} ms")


users = seed_users(100_000 + SAMPLES)
big_members, spare = users[:100_000], users[100_000:]
print(f"seeded {len(users)} users")

def post_group():
    return call("POST", "/Groups?excludedAttributes=members",
                {"schemas": [GROUP], "displayName": f"Bench {uuid.uuid4()}",
                 "members": members(big_members[:10_000])}, expect=201)


# Growing the big group (one POST and nine PATCHes of 10,000) also warms the server up: the POSTs are timed
# after it, as on a server that has been running, not while the JIT is still compiling the code they run.
big = post_group()[1]["id"]
for start in range(10_000, 100_000, 10_000):
    call("PATCH", f"/Groups/{big}?excludedAttributes=members",
         {"schemas": [PATCH_OP], "Operations": [{"op": "add", "path": "members",
                                                  "value": members(big_members[start:start + 10_000])}]})
total = psql(f"SELECT count(*) FROM group_member WHERE group_id = '{big}'")
print(f"group {big} has {total} members")

post_times = [post_group()[0] for _ in range(3)]
for i, t in enumerate(post_times):
    print(f"RESULT POST group with 10,000 members (run {i + 1})        {t:8.1f} ms")

# warm-up on the same group (JIT, caches), undone afterwards
for user in spare[:100]:
    call("PATCH", f"/Groups/{big}?excludedAttributes=members",
         {"schemas": [PATCH_OP], "Operations": [{"op": "add", "path": "members", "value": members([user])}]})
    call("PATCH", f"/Groups/{big}?excludedAttributes=members",
         {"schemas": [PATCH_OP], "Operations": [{"op": "remove", "path": f'members[value eq "{user}"]'}]})

adds, removes, gets = [], [], []
for user in spare:
    adds.append(call("PATCH", f"/Groups/{big}?excludedAttributes=members",
                     {"schemas": [PATCH_OP], "Operations": [{"op": "add", "path": "members", "value": members([user])}]})[0])
for user in spare:
    removes.append(call("PATCH", f"/Groups/{big}?excludedAttributes=members",
                        {"schemas": [PATCH_OP], "Operations": [{"op": "remove", "path": f'members[value eq "{user}"]'}]})[0])
for _ in spare:
    gets.append(call("GET", f"/Groups/{big}?excludedAttributes=members")[0])
report("PATCH add one member (100,000-member group)", adds)
report("PATCH remove one member (100,000-member group)", removes)
report("GET /Groups/{id}?excludedAttributes=members", gets)
list_times = [call("GET", "/Groups?excludedAttributes=members&count=100")[0] for _ in range(50)]
report("GET /Groups?excludedAttributes=members", list_times)
