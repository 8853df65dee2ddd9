#!/usr/bin/env python3
"""scimlog beside Keycloak's own SCIM API, the same Okta load against each, one after the other (run by
ops/bench/vs-keycloak, which builds scimlog's jar first).

Keycloak is its distribution from Maven Central (org.keycloak:keycloak-quarkus-dist, tar.gz, fetched with
`mvn dependency:copy` into target/keycloak and unpacked there), built once with its `scim-api` feature on
(Preview in 26.7: `kc.sh build --help` lists `scim-api[:v1]`), started with `kc.sh start --optimized`, plain
HTTP on 127.0.0.1, -Xmx1g, a single node (`--cache=local`), on its own database in the same PostgreSQL as scimlog
(the dev stack's, `dev --stack-only`: same settings, fsync on). Its realm has the SCIM API on (`scimApiEnabled`)
and admin events on with their representations (`adminEventsEnabled`, `adminEventsDetailsEnabled`); the client
is a confidential client with a service account holding realm-management's `manage-users` and an audience mapper
for the SCIM base URL (Keycloak refuses a token without it), and every wrk run gets its token the way Okta would:
client_credentials at the realm's token endpoint.

The load is scim_load.py's: wrk (C) with the same Lua scripts, so both servers get Okta's exact POST /Users body and
headers and Okta's GET /Users?filter=userName eq "..." over the users just created, only the SCIM base path and the
token differ; each server warmed until its JIT compilers worked under 2 % of a round (scim_load.warm_up), and each
measured phase prints requests/s, p50/p99, every answer checked, and per request the server's CPU and PostgreSQL's
(from /proc) with the statements that cost most. Then what each recorded per request (scimlog's System Log events,
Keycloak's admin events) and the ratios scimlog / Keycloak.
Usage: vs_keycloak.py [connections=16] [seconds=20] [warm-up-seconds=90]  (scim_load.py reads the same three)
Ports: scim_load's SCIMLOG_BENCH_HTTP_PORT, _PG_PORT, _KAFKA_PORT, and SCIMLOG_BENCH_KEYCLOAK_PORT (18690; its
management port, for /health/ready, is the next one). SCIMLOG_BENCH_KEYCLOAK_VERSION picks another 26.x.
Exits 1 on a wrong answer, a socket error, or a server that did not start.
"""
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import accounting
import scim_load
from scim_load import (CONNECTIONS, PG_PORT, PSQL_URL, SECONDS, WARMUP, Phase, Server, Stack, created_per_thread,
                       token_for, wait_for, wait_for_log_readers, warm_up, wrk)

VERSION = os.environ.get("SCIMLOG_BENCH_KEYCLOAK_VERSION", "26.7.3")
KEYCLOAK_PORT = int(os.environ.get("SCIMLOG_BENCH_KEYCLOAK_PORT", "18690"))
DIST = "target/keycloak"
HOME = f"{DIST}/keycloak-{VERSION}"
# build-time options: Keycloak bakes them into its server image (`kc.sh build`), `start --optimized` then runs it
BUILD = ["--db=postgres", "--features=scim-api", "--cache=local", "--health-enabled=true"]
HEAP = "-Xms64m -Xmx1g"
REALM = "bench"
SCIM_BASE = f"/realms/{REALM}/scim/v2"
CLIENT = "okta-scim"
STEP = max(5, min(30, WARMUP // 3))  # scim_load's warm-up round length
scim_load.DATA = "target/bench-vs-keycloak-data"


def fetch_and_build():
    """The distribution from Maven Central, unpacked and built once per version and build options."""
    tarball = f"{DIST}/keycloak-quarkus-dist-{VERSION}.tar.gz"
    if not os.path.isdir(HOME):
        if not os.path.exists(tarball):
            print(f"fetching org.keycloak:keycloak-quarkus-dist:{VERSION}:tar.gz from Maven Central (about 175 MB)")
            subprocess.run(["mvn", "-B", "-q", "dependency:copy",
                            f"-Dartifact=org.keycloak:keycloak-quarkus-dist:{VERSION}:tar.gz",
                            f"-DoutputDirectory={DIST}"], check=True)
        subprocess.run(["tar", "xzf", tarball, "-C", DIST], check=True)
    marker = f"{HOME}/.vs-keycloak-build"
    if not os.path.exists(marker) or open(marker).read() != " ".join(BUILD):
        print(f"building Keycloak's server image: kc.sh build {' '.join(BUILD)} (a minute or two, once)")
        with open("target/bench-keycloak-build.log", "w") as out:
            built = subprocess.run([f"{HOME}/bin/kc.sh", "build", *BUILD], stdout=out, stderr=subprocess.STDOUT)
        if built.returncode:
            sys.exit("kc.sh build failed; see target/bench-keycloak-build.log")
        with open(marker, "w") as out:
            out.write(" ".join(BUILD))


def http(method, url, token=None, body=None, form=None):
    """One request to Keycloak; the JSON answer (or None), or exit saying what failed."""
    headers = {}
    data = None
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            text = answer.read().decode()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        sys.exit(f"Keycloak answered {e.code} to {method} {url}: {e.read().decode()[:300]}")


class Keycloak:
    """Keycloak in production mode on its own (fresh) database of the stack's PostgreSQL, SCIM API on, admin events on."""

    label = "Keycloak JVM"
    url = f"http://127.0.0.1:{KEYCLOAK_PORT}"

    def __init__(self):
        self.log = "target/bench-keycloak.log"
        self.process = None
        self.java = None
        self.admin_password = secrets.token_urlsafe(18)
        self.client_secret = secrets.token_urlsafe(24)
        accounting.psql(PSQL_URL, "DROP DATABASE IF EXISTS keycloak")
        accounting.psql(PSQL_URL, "CREATE DATABASE keycloak")
        self.psql_url = f"postgresql://postgres@127.0.0.1:{PG_PORT}/keycloak"

    def start(self):
        """Seconds from exec to UP on /health/ready (the first start creates Keycloak's schema)."""
        env = dict(os.environ, JAVA_OPTS_KC_HEAP=HEAP, KC_BOOTSTRAP_ADMIN_USERNAME="admin",
                   KC_BOOTSTRAP_ADMIN_PASSWORD=self.admin_password)
        command = [f"{HOME}/bin/kc.sh", "start", "--optimized", "--http-enabled=true", "--http-host=127.0.0.1",
                   f"--http-port={KEYCLOAK_PORT}", f"--http-management-port={KEYCLOAK_PORT + 1}",
                   f"--hostname={self.url}", f"--db-url=jdbc:postgresql://127.0.0.1:{PG_PORT}/keycloak",
                   "--db-username=postgres"]
        began = time.monotonic()
        with open(self.log, "w") as out:
            self.process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        # polled twice a second, not scim_load's 50: Keycloak logs every DOWN answer, and starts in a minute or more
        wait_for("Keycloak ready", lambda: self.ready() or time.sleep(0.5), 900, self.process, self.log)
        seconds = time.monotonic() - began
        # kc.sh runs the JVM as its child (and forwards TERM to it): the CPU and the JIT are the child's
        with open(f"/proc/{self.process.pid}/task/{self.process.pid}/children") as children:
            self.java = int(children.read().split()[0])
        return seconds

    def ready(self):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{KEYCLOAK_PORT + 1}/health/ready", timeout=2) as answer:
                return answer.status == 200
        except OSError:
            return False

    @property
    def pid(self):
        return self.java

    def configure(self):
        """The realm, its SCIM client and the client's rights, through the Admin REST API as the bootstrap admin."""
        admin = http("POST", f"{self.url}/realms/master/protocol/openid-connect/token", form={
            "grant_type": "password", "client_id": "admin-cli", "username": "admin",
            "password": self.admin_password})["access_token"]
        api = f"{self.url}/admin/realms"
        http("POST", api, admin, {
            "realm": REALM, "enabled": True, "scimApiEnabled": True,
            "adminEventsEnabled": True, "adminEventsDetailsEnabled": True,
            # Keycloak's default is 300 s; one token serves one wrk run, which may be longer
            "accessTokenLifespan": max(300, SECONDS + STEP + 60)})
        http("POST", f"{api}/{REALM}/clients", admin, {
            "clientId": CLIENT, "enabled": True, "publicClient": False, "serviceAccountsEnabled": True,
            "standardFlowEnabled": False, "directAccessGrantsEnabled": False, "secret": self.client_secret,
            # Keycloak's SCIM API accepts only tokens whose audience is its base URL
            "protocolMappers": [{"name": "scim-audience", "protocol": "openid-connect",
                                 "protocolMapper": "oidc-audience-mapper",
                                 "config": {"included.custom.audience": self.url + SCIM_BASE,
                                            "access.token.claim": "true", "id.token.claim": "false"}}]})
        client = http("GET", f"{api}/{REALM}/clients?clientId={CLIENT}", admin)[0]["id"]
        account = http("GET", f"{api}/{REALM}/clients/{client}/service-account-user", admin)["id"]
        management = http("GET", f"{api}/{REALM}/clients?clientId=realm-management", admin)[0]["id"]
        role = http("GET", f"{api}/{REALM}/clients/{management}/roles/manage-users", admin)
        http("POST", f"{api}/{REALM}/users/{account}/role-mappings/clients/{management}", admin, [role])
        # Keycloak's SCIM API answers, with that token, before any load
        found = http("GET", self.url + SCIM_BASE + '/Users?filter=' + urllib.parse.quote('userName eq "nobody"'),
                     self.token())
        if not found or found.get("totalResults") != 0:
            sys.exit(f"Keycloak's SCIM API did not answer a lookup as expected: {found}")

    def token(self):
        """An access token for the SCIM client, as Okta's OAuth client credentials would get one."""
        return http("POST", f"{self.url}/realms/{REALM}/protocol/openid-connect/token", form={
            "grant_type": "client_credentials", "client_id": CLIENT,
            "client_secret": self.client_secret})["access_token"]

    def users(self):
        # the realm's users but its SCIM client's service account
        return int(accounting.psql(self.psql_url, f"""SELECT count(*) FROM user_entity u JOIN realm r ON r.id = u.realm_id
                                                      WHERE r.name = '{REALM}' AND u.service_account_client_link IS NULL"""))

    def admin_events(self, kind=""):
        return int(accounting.psql(self.psql_url, f"SELECT count(*) FROM admin_event_entity {kind}"))

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()  # kc.sh forwards it to the JVM and waits for it
            try:
                self.process.wait(120)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.java and os.path.exists(f"/proc/{self.java}"):
            os.kill(self.java, 9)


def log_events():
    return int(accounting.psql(PSQL_URL, "SELECT count(*) FROM log_event"))


def lookups_args(threads, per):
    # as scim_load.lookups: only users every thread had created before the slowest connection's last ones
    return str(threads), str(per - CONNECTIONS if per > CONNECTIONS else 1)


def requests(phase):
    return int(re.search(r"^RESULT .*? (\d+) requests,", phase.output, re.M).group(1))


def measure(side, server, stack, token, base, run, events, users, settle=lambda: None):
    """The measured creates and then lookups of one server, what it recorded for each, and the users it held."""
    settle()
    before = events()
    creates = Phase(f"{side} POST /Users (Okta create)", server, stack).run("scim-create.lua", run, token(), base)
    threads, per = created_per_thread(creates.output)
    settle()
    creates.recorded = events() - before
    creates.requests = requests(creates)
    # Keycloak's lookup scans every user of the realm (lower(USERNAME) has no index): the lookups' cost there
    # grows with the users its warm-up and measured creates left, so say how many each held
    creates.users = users()
    before = events()
    lookups = Phase(f"{side} GET userName eq (Okta lookup)", server, stack).run(
        "scim-lookup.lua", run, token(), *lookups_args(threads, per), base)
    settle()
    lookups.recorded = events() - before
    lookups.requests = requests(lookups)
    return creates, lookups


def warm(server, token, base):
    def rounds(n):
        bearer = token()
        created = wrk("scim-create.lua", STEP, f"warm{n}", bearer, base, url=server.url)
        threads, per = created_per_thread(created)
        wrk("scim-lookup.lua", STEP, f"warm{n}", bearer, *lookups_args(threads, per), base, url=server.url)
        wrk("scim-create.lua", STEP, f"warm{n}b", bearer, base, url=server.url)

    print(f"  warming {server.label} up for {WARMUP} s or more (until its JIT settles)")
    warm_up(server, rounds)


def ratio(a, b):
    return f"{a / b:.1f}x" if b else "n/a"


def cpu(phase):
    """CPU per request of the server side: the server's JVM, PostgreSQL, and the stack process (Kafka, for scimlog)."""
    return phase.server_us + phase.pg_us + phase.kafka_us


def main():
    load_before = accounting.load()
    print(f"machine: {accounting.machine()}; load average before {load_before:.1f}"
          f" (1/5/15 min: {' '.join(f'{x:.1f}' for x in os.getloadavg())})")
    print(f"wrk with 2 threads and {CONNECTIONS} connections, {SECONDS} s per measured phase, {WARMUP} s warm-up or more"
          f" per server; scimlog with {' '.join(scim_load.JVM[1:])}, Keycloak {VERSION} with {HEAP} (G1, kc.sh's default)."
          " A closed loop (each connection sends as soon as its answer came): no rate is asked, so none can be missed;"
          " the rates below are what each server reached")
    fetch_and_build()
    stack = Stack()
    servers = []
    try:
        print("scimlog, SCIM at /scim/v2 (every write and every read a System Log event, streamed to Kafka)")
        server = Server(stack, "all", "vs-keycloak")
        servers.append(server)
        print(f"  start to ready: {server.start():.1f} s")
        bearer = token_for(stack)
        run = str(int(time.time()))
        warm(server, lambda: bearer, "/scim/v2")
        scimlog = measure("scimlog", server, stack, lambda: bearer, "/scim/v2", run, log_events,
                          lambda: int(accounting.psql(PSQL_URL, "SELECT count(*) FROM scim_user")), wait_for_log_readers)
        server.stop()

        print(f"Keycloak {VERSION}, SCIM at {SCIM_BASE} (scim-api feature, admin events on), database `keycloak` of the"
              " same PostgreSQL, fresh")
        keycloak = Keycloak()
        servers.append(keycloak)
        print(f"  start to ready (first start: creates its schema): {keycloak.start():.1f} s")
        keycloak.configure()
        warm(keycloak, keycloak.token, SCIM_BASE)
        user_events = "WHERE resource_type = 'USER' AND operation_type = 'CREATE'"
        k_creates, k_lookups = measure("Keycloak", keycloak, stack, keycloak.token, SCIM_BASE, run,
                                       keycloak.admin_events, keycloak.users)
        user_creates = keycloak.admin_events(user_events)
        keycloak.stop()
    finally:
        for s in servers:
            if s.process:
                s.stop()  # a no-op for one already stopped
        stack.stop()

    s_creates, s_lookups = scimlog
    phases = (s_creates, s_lookups, k_creates, k_lookups)
    print(f"RESULT creates/s  scimlog {s_creates.rate:.0f} (p99 {s_creates.p99:.0f} ms) / Keycloak {k_creates.rate:.0f}"
          f" (p99 {k_creates.p99:.0f} ms) = {ratio(s_creates.rate, k_creates.rate)} (target >= 10x)")
    print(f"RESULT lookups/s  scimlog {s_lookups.rate:.0f} (p99 {s_lookups.p99:.0f} ms) / Keycloak {k_lookups.rate:.0f}"
          f" (p99 {k_lookups.p99:.0f} ms) = {ratio(s_lookups.rate, k_lookups.rate)} (target >= 10x)")
    print(f"RESULT CPU per create (server JVM + PostgreSQL + stack): Keycloak {cpu(k_creates):.0f} µs / scimlog"
          f" {cpu(s_creates):.0f} µs = {ratio(cpu(k_creates), cpu(s_creates))}; per lookup: Keycloak {cpu(k_lookups):.0f} µs"
          f" / scimlog {cpu(s_lookups):.0f} µs = {ratio(cpu(k_lookups), cpu(s_lookups))} (steadier than rates on a busy"
          " machine)")
    print(f"RESULT users held during the lookups: scimlog {s_creates.users}, Keycloak {k_creates.users} (its lookup scans"
          " them all: lower(USERNAME) has no index)")
    print(f"RESULT recorded: scimlog {s_creates.recorded} System Log events for {s_creates.requests} creates and"
          f" {s_lookups.recorded} for {s_lookups.requests} lookups; Keycloak {k_creates.recorded} admin events"
          f" ({user_creates} USER CREATE in all) for {k_creates.requests} creates and {k_lookups.recorded} for"
          f" {k_lookups.requests} lookups (its admin events record no read). wrk counts answered requests only: up to"
          f" {CONNECTIONS} more were in flight when it stopped, and the server did them")
    print(f"RESULT load average: before {load_before:.1f}, during the measured phases"
          f" {min(p.load for p in phases):.1f}-{max(p.load for p in phases):.1f}; machine: {accounting.machine()}")
    if scim_load.wrong:
        print(f"RESULT wrong answers: {', '.join(scim_load.wrong)}")
    sys.exit(1 if scim_load.wrong else 0)


if __name__ == "__main__":
    main()
