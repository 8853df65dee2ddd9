package org.scimlog.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.support.Api.q;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;
import org.scimlog.support.Api;
import org.scimlog.support.FuzzInputs;
import org.scimlog.support.ScimServerTest;

/**
 * Whatever a client sends, scimlog answers without a server error and in the shape of the API asked: a SCIM
 * error body under /scim/v2, an Okta error body under /api/v1, never a stack trace, SQL or a class name.
 * Inputs are generated (filters from the grammar and mutated, PATCH operations, JSON documents, list and log
 * parameters, paths and headers) against a real server on the real PostgreSQL; each property runs
 * {@code jqwik.tries.default} tries (400 in the default run; {@code -Djqwik.tries.default=17000} for the
 * 100,000-input run the README describes).
 */
class BadInputProperties {

    private static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
    /** Text that only a leaked internal would put in a response. */
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "org.postgresql", "com.fasterxml",
            "io.micronaut", "io.netty", "java.lang", "org.scimlog", "SELECT ", "INSERT INTO", "UPDATE scim_", "ERROR: ",
            "SQLState", "jsonb");
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicLong SENT = new AtomicLong();

    private static ApplicationContext context;
    private static Api api;
    private static String userId;
    private static String groupId;
    /**
     * A token of a tenant nobody writes to: verify walks a tenant's whole chain, and the fuzzed tenant's chain grows
     * by every generated request, so its verify answers would slow to seconds long before 100,000 inputs.
     */
    private static String quietToken;
    /** Cursors this server issued (a /Users one, a root .search one), for listParameters and garbledCursors to mangle. */
    private static List<String> issuedCursors;

    @BeforeContainer
    static void startServer() {
        context = ApplicationContext.run(EmbeddedServer.class, new LinkedHashMap<String, Object>(ScimServerTest.testServerProperties()))
                .getApplicationContext();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        String token = context.getBean(TenantAdministration.class).createTenantWithToken(
                "fuzz-" + UUID.randomUUID().toString().substring(0, 8), "fuzz", List.of(Scopes.SCIM, Scopes.LOGS_READ)).secret();
        api = new Api(server.getURI().toString(), token);
        quietToken = context.getBean(TenantAdministration.class).createTenantWithToken(
                "fuzz-quiet-" + UUID.randomUUID().toString().substring(0, 8), "fuzz", List.of(Scopes.LOGS_READ)).secret();
        userId = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "ada@example.com",
                "emails", List.of(Map.of("value", "ada@example.com", "type", "work", "primary", true)))).json().path("id").asText();
        groupId = api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Engineering",
                "members", List.of(Map.of("value", userId)))).json().path("id").asText();
        api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "grace@example.com"));
        issuedCursors = List.of(
                api.get("/scim/v2/Users?cursor&count=1").json().path("nextCursor").asText(),
                api.post("/scim/v2/.search", Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                        "cursor", "", "count", 1)).json().path("nextCursor").asText());
        issuedCursors.forEach(cursor -> assertFalse(cursor.isEmpty(), "the setup got a cursor to mangle"));
    }

    @AfterContainer
    static void stopServer() {
        System.out.println("BadInputProperties: " + SENT.get() + " generated requests sent");
        if (context != null) {
            context.close();
        }
    }

    @Property
    void scimFilters(@ForAll("scimFilters") String filter, @ForAll("resources") String resource, @ForAll boolean inBody) {
        if (inBody) {
            check(send("POST", "/scim/v2/" + resource + "/.search", "application/scim+json",
                    FuzzInputs.json(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                            "filter", filter), filter.hashCode() % 2 == 0), Map.of()));
        } else {
            check(send("GET", "/scim/v2/" + resource + "?filter=" + q(filter), null, null, Map.of()));
        }
    }

    @Property
    void listParameters(@ForAll("resources") String resource, @ForAll("listParameters") Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "");
        parameters.forEach((name, value) -> query.add(name + "=" + q(value)));
        check(send("GET", "/scim/v2/" + resource + query, null, null, Map.of()));
    }

    /**
     * A cursor changed in any way (a character replaced, cut short, lengthened, doubled, re-encoded), sent to a
     * list it may or may not belong to, is a SCIM 400 (invalidCursor, or invalidValue/invalidCount for the
     * parameters beside it), never a server error.
     */
    @Property
    void garbledCursors(@ForAll("garbledCursors") String cursor, @ForAll("cursorTargets") String target,
                        @ForAll boolean inBody) {
        if (inBody) {
            check(send("POST", target + "/.search", "application/scim+json", FuzzInputs.json(Map.of(
                    "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"), "cursor", cursor), false), Map.of()));
        } else {
            check(send("GET", target + "?count=1&cursor=" + q(cursor), null, null, Map.of()));
        }
    }

    @Provide
    Arbitrary<String> cursorTargets() {
        return Arbitraries.of("/scim/v2/Users", "/scim/v2/Groups", "/scim/v2");
    }

    @Provide
    Arbitrary<String> garbledCursors() {
        Arbitrary<String> issued = Arbitraries.of(issuedCursors);
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 400);
        Arbitrary<Character> base64url = Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
        return Arbitraries.oneOf(
                Combinators.combine(issued, at, base64url).as((c, i, ch) -> {
                    int index = i % c.length();
                    return c.substring(0, index) + ch + c.substring(index + 1);
                }),
                Combinators.combine(issued, at).as((c, i) -> c.substring(0, i % c.length())),
                Combinators.combine(issued, FuzzInputs.nastyStrings()).as((c, tail) -> c + tail),
                Combinators.combine(issued, at, FuzzInputs.nastyStrings()).as((c, i, middle) -> {
                    int index = i % c.length();
                    return c.substring(0, index) + middle + c.substring(index);
                }),
                issued.map(c -> c + c),
                issued.map(c -> c.replace('-', '+').replace('_', '/') + "=="),
                issued,
                FuzzInputs.nastyStrings());
    }

    @Property
    void patches(@ForAll("patchBodies") String body, @ForAll boolean onTheGroup) {
        String path = onTheGroup ? "/scim/v2/Groups/" + groupId : "/scim/v2/Users/" + userId;
        check(send("PATCH", path, "application/scim+json", body, Map.of()));
    }

    @Property
    void documents(@ForAll("documents") String body, @ForAll("writes") String write) {
        String[] methodAndPath = write.split(" ", 2);
        String path = methodAndPath[1].replace("{user}", userId).replace("{group}", groupId);
        check(send(methodAndPath[0], path, "application/scim+json", body, Map.of()));
    }

    @Property
    void logQueries(@ForAll("logParameters") Map<String, String> parameters, @ForAll("logEndpoints") String endpoint) {
        StringJoiner query = new StringJoiner("&", "?", "");
        parameters.forEach((name, value) -> query.add(name + "=" + q(value)));
        check(send("GET", endpoint + query, null, null, Map.of()));
    }

    @Provide
    Arbitrary<String> logEndpoints() {
        return Arbitraries.of("/api/v1/logs", "/api/v1/logs/verify", "/api/v1/logs/aggregate");
    }

    @Property
    void pathsAndHeaders(@ForAll("methods") String method, @ForAll("paths") String path,
                         @ForAll("headers") Map<String, String> headers, @ForAll("documents") String body) {
        Map<String, String> others = new LinkedHashMap<>(headers);
        String contentType = others.remove("Content-Type");
        boolean withBody = !method.equals("GET") && !method.equals("DELETE");
        check(send(method, path, withBody ? contentType : null, withBody ? body : null, others));
    }

    @Provide
    Arbitrary<String> resources() {
        return Arbitraries.of("Users", "Groups");
    }

    @Provide
    Arbitrary<String> scimFilters() {
        return FuzzInputs.anyFilter(FuzzInputs.scimPaths());
    }

    @Provide
    Arbitrary<Map<String, String>> listParameters() {
        Arbitrary<String> value = Arbitraries.oneOf(FuzzInputs.numbers(), FuzzInputs.scimPaths(), FuzzInputs.nastyStrings(),
                Arbitraries.of("ascending", "descending", "ASCENDING", "userName,name.givenName", "members", "emails.value"));
        Arbitrary<String> cursorish = Arbitraries.oneOf(value, Arbitraries.of(issuedCursors),
                Combinators.combine(Arbitraries.of(issuedCursors), Arbitraries.integers().between(1, 60))
                        .as((c, cut) -> c.substring(0, Math.max(0, c.length() - cut))));
        return Arbitraries.maps(Arbitraries.of("startIndex", "count", "sortBy", "sortOrder", "attributes",
                "excludedAttributes", "filter", "cursor"), Arbitraries.oneOf(value, cursorish)).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> patchBodies() {
        Arbitrary<Object> operation = Combinators.combine(
                Arbitraries.of("add", "replace", "remove", "Add", "Replace", "REMOVE", "copy", "", "null"),
                Arbitraries.frequencyOf(Tuple.of(3, FuzzInputs.scimPaths().map(Optional::of)),
                        Tuple.of(2, FuzzInputs.anyFilter(FuzzInputs.scimPaths()).map(f -> Optional.of("emails[" + f + "].value"))),
                        Tuple.of(1, FuzzInputs.literals().map(v -> Optional.of("members[value eq " + v + "]"))),
                        Tuple.of(2, Arbitraries.just(Optional.<String>empty()))),
                FuzzInputs.jsonValues()).as((op, path, value) -> {
                    Map<String, Object> each = new LinkedHashMap<>();
                    each.put("op", op.equals("null") ? null : op);
                    path.ifPresent(p -> each.put("path", p));
                    each.put("value", value);
                    return (Object) each;
                });
        return Combinators.combine(operation.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((operations, schemas, escaped) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    if (schemas) {
                        body.put("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"));
                    }
                    body.put("Operations", operations);
                    return FuzzInputs.json(body, escaped);
                });
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> resourceShaped = Combinators.combine(Arbitraries.of(USER, GROUP), FuzzInputs.jsonValues(),
                FuzzInputs.nastyStrings(), Arbitraries.of(true, false)).as((schema, value, name, escaped) -> {
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("schemas", List.of(schema));
                    document.put(schema.equals(USER) ? "userName" : "displayName", name);
                    if (value instanceof Map<?, ?> attributes) {
                        attributes.forEach((key, v) -> document.put(String.valueOf(key), v));
                    }
                    return FuzzInputs.json(document, escaped);
                });
        Arbitrary<String> bulk = Combinators.combine(Arbitraries.of("POST", "PUT", "PATCH", "DELETE", "GET", "x"),
                Arbitraries.of("/Users", "/Groups", "/Users/{user}", "/Groups/{group}", "/Bulk", "Users", "/Users/bulkId:a"),
                FuzzInputs.nastyStrings(), FuzzInputs.jsonValues()).as((method, path, bulkId, data) -> {
                    Map<String, Object> operation = new LinkedHashMap<>();
                    operation.put("method", method);
                    operation.put("path", path.replace("{user}", String.valueOf(userId)).replace("{group}", String.valueOf(groupId)));
                    operation.put("bulkId", bulkId);
                    operation.put("data", data);
                    return (Object) operation;
                }).list().ofMaxSize(3).map(operations -> FuzzInputs.json(Map.of(
                        "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:BulkRequest"), "Operations", operations), true));
        return Arbitraries.frequencyOf(
                Tuple.of(5, resourceShaped),
                Tuple.of(2, FuzzInputs.jsonValues().map(v -> FuzzInputs.json(v, false))),
                Tuple.of(2, bulk),
                Tuple.of(1, FuzzInputs.mutated(resourceShaped)),
                Tuple.of(1, Arbitraries.integers().between(1, 3_000).map(depth -> "[".repeat(depth) + "]".repeat(depth))));
    }

    @Provide
    Arbitrary<String> writes() {
        return Arbitraries.of("POST /scim/v2/Users", "POST /scim/v2/Groups", "PUT /scim/v2/Users/{user}",
                "PUT /scim/v2/Groups/{group}", "POST /scim/v2/Bulk", "POST /scim/v2/.search");
    }

    @Provide
    Arbitrary<Map<String, String>> logParameters() {
        Arbitrary<String> filter = FuzzInputs.anyFilter(FuzzInputs.logPaths());
        Arbitrary<String> keywords = Arbitraries.oneOf(FuzzInputs.nastyStrings(),
                FuzzInputs.nastyStrings().list().ofMaxSize(12).map(words -> String.join(" ", words)));
        Arbitrary<String> anything = Arbitraries.oneOf(FuzzInputs.dateTimes(), FuzzInputs.numbers(), FuzzInputs.nastyStrings(),
                Arbitraries.of("ASCENDING", "DESCENDING", "cDE6MTox", "YjE6MTp4"));
        return Combinators.combine(filter, keywords, anything, anything, anything,
                Arbitraries.of("filter", "q", "since", "until", "limit", "sortOrder", "after").set().ofMaxSize(4))
                .as((f, words, since, until, other, names) -> {
                    Map<String, String> parameters = new LinkedHashMap<>();
                    for (String name : names) {
                        parameters.put(name, switch (name) {
                            case "filter" -> f;
                            case "q" -> words;
                            case "since" -> since;
                            case "until" -> until;
                            default -> other;
                        });
                    }
                    return parameters;
                });
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = FuzzInputs.nastyStrings().map(Api::q);
        return Arbitraries.oneOf(
                segment.map(s -> "/scim/v2/Users/" + s),
                segment.map(s -> "/scim/v2/Groups/" + s),
                segment.map(s -> "/scim/v2/" + s),
                segment.map(s -> "/api/v1/logs/" + s),
                segment.map(s -> "/api/v1/" + s),
                Arbitraries.of("/scim/v2/Users", "/scim/v2/Groups", "/scim/v2/Bulk", "/scim/v2/.search",
                        "/scim/v2/ServiceProviderConfig", "/scim/v2/Schemas", "/scim/v2/ResourceTypes", "/api/v1/logs",
                        "/api/v1/logs/event-types", "/api/v1/logs/verify", "/api/v1/logs/aggregate"),
                Arbitraries.integers().between(4_000, 9_000).map(n -> "/api/v1/logs?q=" + "a".repeat(n)),
                Arbitraries.integers().between(4_000, 9_000).map(n -> "/scim/v2/Users?filter=" + "a".repeat(n)));
    }

    @Provide
    Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> garbage = FuzzInputs.nastyStrings().map(BadInputProperties::headerSafe);
        return Combinators.combine(
                Arbitraries.of("application/scim+json", "application/json", "text/plain", "application/xml",
                        "application/scim+json; charset=utf-16", "multipart/form-data; boundary=x", "*/*", "", "garbage"),
                Arbitraries.of("W/\"1\"", "*", "\"1\"", "W/\"", "garbage"), garbage,
                Arbitraries.of("", "https://evil.example", "null"),
                Arbitraries.of("application/scim+json", "text/html", "application/xml", "*/*", "garbage"),
                Arbitraries.integers().between(0, 31))
                .as((type, etag, forwarded, origin, accept, which) -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("Content-Type", type);
                    if ((which & 1) != 0) {
                        headers.put("If-Match", etag);
                    }
                    if ((which & 2) != 0) {
                        headers.put("If-None-Match", etag);
                    }
                    if ((which & 4) != 0) {
                        headers.put("X-Forwarded-For", forwarded);
                    }
                    if ((which & 8) != 0 && !origin.isEmpty()) {
                        headers.put("Origin", origin);
                    }
                    if ((which & 16) != 0) {
                        headers.put("Accept", accept);
                    }
                    return headers;
                });
    }

    /** Header values may not hold control characters; everything else a client may send. */
    private static String headerSafe(String value) {
        StringBuilder safe = new StringBuilder();
        value.codePoints().filter(c -> c >= 0x20 && c < 0x7f).forEach(safe::appendCodePoint);
        return safe.toString();
    }

    private record Answer(String method, String path, int status, String body, String sent) {
        @Override
        public String toString() {
            return method + " " + (path.length() > 300 ? path.substring(0, 300) + "…" : path) + "\n  sent: "
                    + (sent == null ? "" : sent.length() > 500 ? sent.substring(0, 500) + "…" : sent)
                    + "\n  got " + status + ": " + body;
        }
    }

    private static Answer send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + (path.startsWith("/api/v1/logs/verify") ? quietToken : api.token()));
        if (contentType != null && !contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        SENT.incrementAndGet();
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(method, path, response.statusCode(), response.body(), body);
        } catch (java.io.IOException e) {
            throw new AssertionError("no answer (" + e + ") to " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(Answer answer) {
        assertTrue(answer.status() < 500, answer::toString);
        for (String internal : INTERNALS) {
            assertFalse(answer.body().contains(internal), () -> "leaks '" + internal + "': " + answer);
        }
        if (answer.status() < 400) {
            return;
        }
        JsonNode error = Api.json(answer.body().isBlank() ? "null" : answer.body());
        if (answer.path().startsWith("/scim/v2")) {
            List<String> schemas = new ArrayList<>();
            error.path("schemas").forEach(s -> schemas.add(s.asText()));
            assertEquals(List.of(ERROR_URN), schemas, answer::toString);
            assertEquals(String.valueOf(answer.status()), error.path("status").asText(), answer::toString);
            assertFalse(error.path("detail").asText().isBlank(), answer::toString);
        } else if (answer.path().startsWith("/api/v1")) {
            assertFalse(error.path("errorCode").asText().isBlank(), answer::toString);
            assertFalse(error.path("errorSummary").asText().isBlank(), answer::toString);
        }
    }
}
