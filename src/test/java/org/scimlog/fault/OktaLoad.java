package org.scimlog.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Client threads provisioning the way Okta does (create a user, look it up by userName, PATCH it, push groups
 * and add members with PATCH), each on resources of its own so every outcome is predictable. It remembers
 * what the server acknowledged, and what it attempted without an answer (a write in flight when the server
 * died may or may not have committed), for {@link NothingLost} to compare with the database, the log and
 * the topic afterwards. Every response is kept in {@link #responses()}.
 */
final class OktaLoad implements AutoCloseable {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than any bound a test asserts, so a hang shows as a slow response rather than a client error. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** A write the server answered with 2xx: its X-Request-Id must be the transaction.id of its events. */
    record Acknowledged(String requestId, String resourceId, String what) {
    }

    /** One HTTP exchange: status 0 when no answer came (connection refused or reset, timeout). */
    record Response(String operation, int status, long millis, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return operation + " -> " + status + " in " + millis + " ms"
                    + (ok() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
    }

    /** A user and the displayName values written to it, in order; acknowledgedUpTo indexes the last 2xx one. */
    static final class UserState {
        final String id;
        final String userName;
        final List<String> attempted = Collections.synchronizedList(new ArrayList<>());
        volatile int acknowledgedUpTo;

        UserState(String id, String userName, String created) {
            this.id = id;
            this.userName = userName;
            attempted.add(created);
        }
    }

    /** A pushed group and the members the server acknowledged adding. */
    static final class GroupState {
        final String id;
        final List<String> acknowledgedMembers = Collections.synchronizedList(new ArrayList<>());

        GroupState(String id) {
            this.id = id;
        }
    }

    private final Supplier<List<String>> baseUrls;
    private final String token;
    private final String run = Long.toString(System.nanoTime(), 36);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Acknowledged> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final List<Response> responses = Collections.synchronizedList(new ArrayList<>());
    private final List<UserState> users = Collections.synchronizedList(new ArrayList<>());
    private final List<GroupState> groups = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> statusCounts = new ConcurrentHashMap<>();
    private final AtomicLong acknowledgedCount = new AtomicLong();

    /** {@code baseUrls}: the instances to spread requests over, asked again before every request (restarts move ports). */
    private OktaLoad(Supplier<List<String>> baseUrls, String token) {
        this.baseUrls = baseUrls;
        this.token = token;
    }

    static OktaLoad start(Supplier<List<String>> baseUrls, String token, int clients) {
        OktaLoad load = new OktaLoad(baseUrls, token);
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> load.provision(client), "okta-load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    /** Stops after each client's current request and waits for them. */
    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(REQUEST_TIMEOUT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    long acknowledgedWrites() {
        return acknowledgedCount.get();
    }

    int count(int status) {
        AtomicInteger n = statusCounts.get(Integer.toString(status));
        return n == null ? 0 : n.get();
    }

    List<Acknowledged> acknowledged() {
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    List<Response> responses() {
        synchronized (responses) {
            return List.copyOf(responses);
        }
    }

    List<UserState> users() {
        synchronized (users) {
            return List.copyOf(users);
        }
    }

    List<GroupState> groups() {
        synchronized (groups) {
            return List.copyOf(groups);
        }
    }

    private void provision(int client) {
        GroupState group = null;
        List<UserState> mine = new ArrayList<>();
        for (int n = 0; running.get(); n++) {
            if (group == null || n % 20 == 0) {
                GroupState pushed = pushGroup(client, n);
                group = pushed == null ? group : pushed;
            }
            UserState user = createUser(client, n);
            if (user != null) {
                mine.add(user);
                lookUp(user);
                if (group != null) {
                    addMember(group, user);
                }
            }
            if (!mine.isEmpty()) {
                rename(mine.get((n * 7) % mine.size()), n);
            }
        }
    }

    private UserState createUser(int client, int n) {
        String userName = "f-" + run + "-" + client + "-" + n + "@example.com";
        String displayName = userName + " v0";
        Map<String, Object> body = Map.of(
                "schemas", List.of(USER),
                "userName", userName,
                "name", Map.of("givenName", "Fault", "familyName", "Test" + n),
                "emails", List.of(Map.of("primary", true, "value", userName, "type", "work")),
                "displayName", displayName,
                "locale", "en-US",
                "externalId", "00u" + run + client + "x" + n,
                "groups", List.of(),
                "password", "1mz050nq",
                "active", true);
        Exchange created = send("create user", "POST", "/scim/v2/Users", body);
        if (created == null || created.response.status() != 201) {
            return null;
        }
        String id = created.json.path("id").asText();
        acknowledge(created, id, "create user");
        UserState user = new UserState(id, userName, displayName);
        users.add(user);
        return user;
    }

    private void lookUp(UserState user) {
        String filter = URLEncoder.encode("userName eq \"" + user.userName + "\"", StandardCharsets.UTF_8).replace("+", "%20");
        send("look up user", "GET", "/scim/v2/Users?filter=" + filter + "&startIndex=1&count=100", null);
    }

    private void rename(UserState user, int n) {
        String displayName = user.userName + " v" + user.attempted.size() + "-" + n;
        int index = user.attempted.size();
        user.attempted.add(displayName);
        Exchange patched = send("patch user", "PATCH", "/scim/v2/Users/" + user.id, Map.of(
                "schemas", List.of(PATCH_OP),
                "Operations", List.of(Map.of("op", "replace", "value", Map.of("displayName", displayName)))));
        if (patched != null && patched.response.status() == 200) {
            user.acknowledgedUpTo = index;
            acknowledge(patched, user.id, "patch user");
        }
    }

    private GroupState pushGroup(int client, int n) {
        Exchange created = send("push group", "POST", "/scim/v2/Groups", Map.of(
                "schemas", List.of(GROUP),
                "displayName", "f-" + run + "-" + client + "-" + n,
                "members", List.of()));
        if (created == null || created.response.status() != 201) {
            return null;
        }
        GroupState group = new GroupState(created.json.path("id").asText());
        acknowledge(created, group.id, "push group");
        groups.add(group);
        return group;
    }

    private void addMember(GroupState group, UserState user) {
        Exchange patched = send("add member", "PATCH", "/scim/v2/Groups/" + group.id, Map.of(
                "schemas", List.of(PATCH_OP),
                "Operations", List.of(Map.of("op", "add", "path", "members",
                        "value", List.of(Map.of("value", user.id, "display", user.userName))))));
        if (patched != null && patched.response.status() / 100 == 2) {
            group.acknowledgedMembers.add(user.id);
            acknowledge(patched, group.id, "add member");
        }
    }

    private void acknowledge(Exchange exchange, String resourceId, String what) {
        String requestId = exchange.raw.headers().firstValue("X-Request-Id").orElse(null);
        acknowledged.add(new Acknowledged(requestId, resourceId, what));
        acknowledgedCount.incrementAndGet();
    }

    private record Exchange(Response response, HttpResponse<String> raw, JsonNode json) {
    }

    /** null when nothing answered. */
    private Exchange send(String operation, String method, String path, Object body) {
        List<String> bases = baseUrls.get();
        String base = bases.get((int) (Thread.currentThread().getId() % bases.size()));
        long started = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("User-Agent", "Okta SCIM Client 1.0.0")
                    .header("Accept", "application/scim+json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/scim+json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> raw = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response response = new Response(operation, raw.statusCode(), elapsed(started), raw.body());
            record(response);
            JsonNode json = raw.body() == null || raw.body().isBlank() ? JSON.createObjectNode() : parse(raw.body());
            return new Exchange(response, raw, json);
        } catch (IOException e) {
            record(new Response(operation, 0, elapsed(started), e.toString()));
            // the instance is down or restarting: do not spin on refused connections
            Await.pause();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
            return null;
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private void record(Response response) {
        responses.add(response);
        statusCounts.computeIfAbsent(Integer.toString(response.status()), s -> new AtomicInteger()).incrementAndGet();
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
