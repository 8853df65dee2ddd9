package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.GroupFixtures.createGroup;
import static org.scimlog.scim.GroupFixtures.ids;
import static org.scimlog.support.Api.q;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scimlog.directory.Keyset;
import org.scimlog.directory.KeysetPosition;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.ScimServerTest;

/** RFC 9865 cursor paging of /Users, /Groups and .search, over HTTP against the real PostgreSQL. */
@MicronautTest(transactional = false)
class CursorPagingTest extends ScimServerTest {

    private static final String SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    private static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    @Inject
    CursorCodec codec;

    /**
     * An import pages through the users while another client creates and deletes users in the same list: every
     * user that exists throughout the walk is returned exactly once, and no user twice. The walker fetches each
     * page only after the writer has written again since the previous one, so writes land between every pair
     * of pages.
     */
    @ParameterizedTest
    @CsvSource({"'', ascending", "'', descending", "userName, descending", "name.givenName, ascending"})
    void concurrentCreatesAndDeletesNeitherSkipNorRepeatAUser(String sortBy, String sortOrder) throws Exception {
        String tag = "cw" + UUID.randomUUID().toString().substring(0, 8);
        List<String> all = createUsers(tag, 360);
        // every sixth user is deleted during the walk, oldest first: under OFFSET paging each deletion behind the
        // walker would shift a later user into the page already read (skipped), each creation ahead of it
        // (descending order) an earlier one into the next page (repeated)
        List<String> stable = new ArrayList<>();
        ConcurrentLinkedQueue<String> victims = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 6 == 0 ? victims : stable).add(all.get(i));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        List<String> writerFailures = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            List<String> own = new ArrayList<>();
            while (!stop.get()) {
                Reply created = api.post("/scim/v2/Users", user(tag, writes.get()));
                if (created.status() != 201) {
                    writerFailures.add(created.toString());
                    return;
                }
                own.add(created.json().path("id").asText());
                String victim = victims.poll();
                if (victim != null) {
                    expectDeleted(victim, writerFailures);
                }
                if (own.size() > 1) {
                    expectDeleted(own.remove(0), writerFailures);
                }
                writes.incrementAndGet();
            }
        }, "cursor-test-writer");
        writer.start();
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        int pages = 0;
        try {
            String cursor = "";
            do {
                long before = writes.get();
                Await.until("the writer wrote between two pages", Duration.ofSeconds(60),
                        () -> writes.get() > before || !writerFailures.isEmpty());
                Reply page = api.get("/scim/v2/Users?filter=" + q("userName sw \"" + tag + "\"") + "&count=7"
                        + sortParameters(sortBy, sortOrder) + "&attributes=userName&cursor=" + q(cursor));
                assertEquals(200, page.status(), page::toString);
                for (String id : ids(page.json())) {
                    if (!seen.add(id)) {
                        repeated.add(id);
                    }
                }
                cursor = page.json().path("nextCursor").asText(null);
                pages++;
            } while (cursor != null);
        } finally {
            stop.set(true);
            writer.join(Duration.ofSeconds(60).toMillis());
        }
        assertEquals(List.of(), writerFailures);
        assertEquals(List.of(), repeated, "returned twice");
        List<String> missed = stable.stream().filter(id -> !seen.contains(id)).toList();
        assertEquals(List.of(), missed, "users that existed throughout the walk but were not returned");
        assertTrue(pages >= 300 / 7, "walked " + pages + " pages");
        assertTrue(writes.get() >= pages - 1, "the writer wrote between the pages: " + writes.get());
    }

    /** Cursor pages list the same resources in the same order as one startIndex page, forward and back. */
    @ParameterizedTest
    @CsvSource({"'', ascending", "'', descending", "userName, descending", "name.givenName, ascending",
            "name.givenName, descending", "meta.created, descending", "id, ascending", "active, ascending"})
    void cursorPagesFollowTheSortOrderBothWays(String sortBy, String sortOrder) {
        String tag = "so" + UUID.randomUUID().toString().substring(0, 8);
        createUsers(tag, 23);
        String list = "/scim/v2/Users?filter=" + q("userName sw \"" + tag + "\"") + sortParameters(sortBy, sortOrder);
        Reply whole = api.get(list + "&count=100");
        assertEquals(200, whole.status(), whole::toString);
        List<String> expected = ids(whole.json());
        assertEquals(23, expected.size());

        List<List<String>> pages = new ArrayList<>();
        String cursor = "";
        String last = null;
        while (cursor != null) {
            Reply page = api.get(list + "&count=4&cursor=" + q(cursor));
            assertEquals(200, page.status(), page::toString);
            assertEquals(23, page.json().path("totalResults").asInt(), "totalResults counts the whole list");
            assertFalse(page.json().has("startIndex"), "a cursor page has no startIndex");
            assertEquals(pages.isEmpty(), !page.json().has("previousCursor"), "previousCursor on all but the first page");
            pages.add(ids(page.json()));
            last = cursor;
            cursor = page.json().path("nextCursor").asText(null);
        }
        assertEquals(expected, pages.stream().flatMap(List::stream).toList());
        assertEquals(List.of(4, 4, 4, 4, 4, 3), pages.stream().map(List::size).toList());

        List<List<String>> backward = new ArrayList<>();
        String previous = api.get(list + "&count=4&cursor=" + q(last)).json().path("previousCursor").asText();
        while (previous != null) {
            Reply page = api.get(list + "&count=4&cursor=" + q(previous));
            assertEquals(200, page.status(), page::toString);
            backward.add(0, ids(page.json()));
            assertTrue(page.json().has("nextCursor"), "a page reached backward has a next page");
            previous = page.json().path("previousCursor").asText(null);
        }
        assertEquals(pages.subList(0, pages.size() - 1), backward);
    }

    @Test
    void groupsAndTheirSearchPageByCursor() {
        String tag = "gc" + UUID.randomUUID().toString().substring(0, 8);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            groups.add(createGroup(api, tag + " " + i));
        }
        Map<String, Object> search = new LinkedHashMap<>(Map.of("schemas", List.of(SEARCH),
                "filter", "displayName sw \"" + tag + "\"", "count", 2, "cursor", ""));
        List<String> seen = new ArrayList<>();
        while (true) {
            Reply page = api.post("/scim/v2/Groups/.search", search);
            assertEquals(200, page.status(), page::toString);
            seen.addAll(ids(page.json()));
            if (!page.json().has("nextCursor")) {
                break;
            }
            search.put("cursor", page.json().path("nextCursor").asText());
        }
        assertEquals(groups, seen);
        Reply viaGet = api.get("/scim/v2/Groups?count=2&cursor&filter=" + q("displayName sw \"" + tag + "\""));
        assertEquals(groups.subList(0, 2), ids(viaGet.json()), "a bare ?cursor asks for the first cursor page");
        assertTrue(viaGet.json().has("nextCursor"));
    }

    @Test
    void rootSearchPagesOverUsersThenGroups() {
        String tag = "rc" + UUID.randomUUID().toString().substring(0, 8);
        List<String> expected = new ArrayList<>(createUsers(tag, 5));
        for (int i = 0; i < 4; i++) {
            expected.add(createGroup(api, tag + " group " + i));
        }
        Map<String, Object> search = new LinkedHashMap<>(Map.of("schemas", List.of(SEARCH),
                "filter", "userName sw \"" + tag + "\" or displayName sw \"" + tag + "\"", "count", 3, "cursor", ""));
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            Reply page = api.post("/scim/v2/.search", search);
            assertEquals(200, page.status(), page::toString);
            assertEquals(9, page.json().path("totalResults").asInt());
            seen.addAll(ids(page.json()));
            pages++;
            if (!page.json().has("nextCursor")) {
                break;
            }
            search.put("cursor", page.json().path("nextCursor").asText());
        }
        assertEquals(expected, seen);
        assertEquals(3, pages);
    }

    @Test
    void cursorsOfAnotherQueryListOrTenantAreRefused() {
        String tag = "rf" + UUID.randomUUID().toString().substring(0, 8);
        createUsers(tag, 3);
        String filter = "&filter=" + q("userName sw \"" + tag + "\"");
        String next = api.get("/scim/v2/Users?count=1&cursor" + filter).json().path("nextCursor").asText();
        assertEquals(200, api.get("/scim/v2/Users?count=1&cursor=" + next + filter).status());

        assertError(api.get("/scim/v2/Users?count=1&cursor=" + next + "&filter=" + q("userName sw \"x" + tag + "\"")),
                "invalidCursor", "another query");
        assertError(api.get("/scim/v2/Users?count=1&cursor=" + next + filter + "&sortBy=userName"), "invalidCursor", "another query");
        assertError(api.get("/scim/v2/Users?count=1&cursor=" + next + filter + "&sortOrder=descending"), "invalidCursor", "another query");
        assertError(api.get("/scim/v2/Groups?count=1&cursor=" + next + filter), "invalidCursor", "another query");
        assertError(otherTenant().get("/scim/v2/Users?count=1&cursor=" + next + filter), "invalidCursor", "another query");
        assertError(api.post("/scim/v2/Users/.search", Map.of("schemas", List.of(SEARCH), "cursor", next, "count", 1)),
                "invalidCursor", "another query");

        char flipped = next.charAt(10) == 'A' ? 'B' : 'A';
        String forged = next.substring(0, 10) + flipped + next.substring(11);
        assertError(api.get("/scim/v2/Users?count=1&cursor=" + forged + filter), "invalidCursor", "not one this server issued");
        assertError(api.get("/scim/v2/Users?count=1&cursor=" + next.substring(0, next.length() - 3) + filter),
                "invalidCursor", "not one this server issued");
        assertError(api.get("/scim/v2/Users?count=1&cursor=" + q("not a cursor!") + filter), "invalidCursor", "not one this server issued");
    }

    @Test
    void anExpiredCursorIsRefusedAsExpired() {
        TenantAdministration.IssuedCredential tenant = ownTenant();
        Api api = this.api.withToken(tenant.secret());
        String tag = "ex" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/scim/v2/Users", user(tag, 1));
        api.post("/scim/v2/Users", user(tag, 2));
        String filterText = "userName sw \"" + tag + "\"";
        Reply first = api.get("/scim/v2/Users?count=1&cursor&filter=" + q(filterText));
        String next = first.json().path("nextCursor").asText();
        // the same position and query, issued a day and a second ago (the lifetime is 24 h)
        byte[] query = CursorPaging.queryDigest(ListRequest.of(filterText, null, null, null, "1", "", new ListSettings(100, 1000)),
                tenant.tenantId(), "Users");
        CursorCodec.Opened opened = codec.open(next, query);
        String old = codec.seal(opened.segment(), opened.keyset(), query, Instant.now().minus(Duration.ofHours(24)).minusSeconds(1));
        assertError(api.get("/scim/v2/Users?count=1&cursor=" + old + "&filter=" + q(filterText)), "expiredCursor", "expired");
        String recent = codec.seal(opened.segment(), opened.keyset(), query, Instant.now().minus(Duration.ofHours(23)));
        assertEquals(200, api.get("/scim/v2/Users?count=1&cursor=" + recent + "&filter=" + q(filterText)).status());
    }

    /** Only a cursor signed with the key (here: the built-in default) can carry a position; one the database cannot read is still a 400. */
    @Test
    void aSignedPositionOfTheWrongTypeIsAClientError() {
        TenantAdministration.IssuedCredential tenant = ownTenant();
        Api api = this.api.withToken(tenant.secret());
        byte[] query = CursorPaging.queryDigest(ListRequest.of(null, "meta.created", null, null, null, "", new ListSettings(100, 1000)),
                tenant.tenantId(), "Users");
        for (KeysetPosition position : List.of(new KeysetPosition("not a time", "2024-01-01 00:00:00+00", UUID.randomUUID()),
                new KeysetPosition(null, "yesterday-ish", UUID.randomUUID()))) {
            String forged = codec.seal(0, new Keyset(position, false, false), query);
            assertError(api.get("/scim/v2/Users?sortBy=meta.created&cursor=" + forged), "invalidCursor", "not one this server issued");
        }
    }

    @Test
    void countAndStartIndexRulesOfCursorPaging() {
        assertError(api.get("/scim/v2/Users?cursor&count=0"), "invalidCount", "between 1 and");
        assertError(api.get("/scim/v2/Users?cursor&count=-5"), "invalidCount", "between 1 and");
        assertError(api.get("/scim/v2/Users?cursor&count=many"), "invalidCount", "integer");
        assertError(api.get("/scim/v2/Users?cursor&startIndex=1"), "invalidValue", "not both");
        Reply capped = api.get("/scim/v2/Users?cursor&count=100000");
        assertEquals(200, capped.status(), capped::toString);
        Reply byIndex = api.get("/scim/v2/Users?count=1");
        assertTrue(byIndex.json().has("startIndex"), "startIndex paging is unchanged");
        assertFalse(byIndex.json().has("nextCursor"));
    }

    @Test
    void serviceProviderConfigAdvertisesBothPagingMethods() {
        JsonNode pagination = api.get("/scim/v2/ServiceProviderConfig").json().path("pagination");
        assertTrue(pagination.path("cursor").asBoolean());
        assertTrue(pagination.path("index").asBoolean());
        assertEquals("index", pagination.path("defaultPaginationMethod").asText());
        assertEquals(100, pagination.path("defaultPageSize").asInt());
        assertEquals(1000, pagination.path("maxPageSize").asInt());
        assertEquals(86400, pagination.path("cursorTimeout").asInt());
    }

    /** A tenant of the test's own, whose id the test knows (a cursor's query digest includes it). */
    private TenantAdministration.IssuedCredential ownTenant() {
        return tenants.createTenantWithToken("c-" + UUID.randomUUID().toString().substring(0, 12), "tests", List.of(Scopes.SCIM));
    }

    private static void assertError(Reply reply, String scimType, String detail) {
        assertEquals(400, reply.status(), reply::toString);
        assertEquals("400", reply.json().path("status").asText(), reply::toString);
        assertEquals(scimType, reply.json().path("scimType").asText(), reply::toString);
        assertTrue(reply.json().path("detail").asText().contains(detail), reply::toString);
    }

    private static String sortParameters(String sortBy, String sortOrder) {
        return (sortBy == null || sortBy.isBlank() ? "" : "&sortBy=" + sortBy) + "&sortOrder=" + sortOrder;
    }

    /** Users whose userName starts with {@code tag}; every fifth has no givenName (sorts last by it). */
    private List<String> createUsers(String tag, int count) {
        List<Map<String, Object>> operations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            operations.add(Map.of("method", "POST", "path", "/Users", "bulkId", "u" + i, "data", user(tag, i)));
        }
        Reply bulk = api.post("/scim/v2/Bulk", Map.of("schemas", List.of(BULK), "Operations", operations));
        assertEquals(200, bulk.status(), bulk::toString);
        List<String> ids = new ArrayList<>();
        for (JsonNode result : bulk.json().path("Operations")) {
            assertEquals("201", result.path("status").asText(), bulk::toString);
            String location = result.path("location").asText();
            ids.add(location.substring(location.lastIndexOf('/') + 1));
        }
        return Collections.unmodifiableList(ids);
    }

    private static Map<String, Object> user(String tag, long i) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("schemas", List.of(UserFixtures.USER));
        user.put("userName", tag + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        user.put("active", i % 3 != 0);
        if (i % 5 != 0) {
            user.put("name", Map.of("givenName", "g" + UUID.randomUUID().toString().substring(0, 6)));
        }
        return user;
    }

    private void expectDeleted(String id, List<String> failures) {
        Reply deleted = api.delete("/scim/v2/Users/" + id);
        if (deleted.status() != 204) {
            failures.add(deleted.toString());
        }
    }
}
