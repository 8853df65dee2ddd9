package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.GroupFixtures.createGroup;
import static org.scimlog.scim.GroupFixtures.createUser;
import static org.scimlog.scim.GroupFixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.EventType;
import org.scimlog.audit.ReadEventBuffer;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/** POST .search on /Users, /Groups and the root (RFC 7644 §3.4.3). */
@MicronautTest(transactional = false)
class SearchTest extends ScimServerTest {

    @jakarta.inject.Inject
    ReadEventBuffer buffer;

    private static final String SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    @Test
    void usersSearchTakesTheQueryFromTheBody() {
        String id = createUser(api, "searched");
        String userName = api.get("/scim/v2/Users/" + id).json().path("userName").asText();
        Reply found = api.post("/scim/v2/Users/.search", Map.of("schemas", List.of(SEARCH),
                "filter", "userName eq \"" + userName + "\"", "attributes", List.of("userName"), "count", 5));

        assertEquals(200, found.status(), found::toString);
        assertEquals(List.of(id), ids(found.json()));
        JsonNode user = found.json().at("/Resources/0");
        assertEquals(userName, user.path("userName").asText());
        assertFalse(user.has("emails"), "attributes projects the result");
    }

    @Test
    void groupsSearchFiltersByMemberAndExcludesMembers() {
        String member = createUser(api, "member");
        String group = createGroup(api, "Searched " + UUID.randomUUID(), member);
        Reply found = api.post("/scim/v2/Groups/.search", Map.of("schemas", List.of(SEARCH),
                "filter", "members.value eq \"" + member + "\"", "excludedAttributes", List.of("members")));
        assertEquals(List.of(group), ids(found.json()));
        assertFalse(found.json().at("/Resources/0").has("members"));
    }

    @Test
    void rootSearchSpansUsersAndGroupsAndPagesOverBoth() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String user = createUser(api, "root" + tag);
        String group = createGroup(api, "root" + tag + " group");
        String filter = "meta.created ge \"2000-01-01T00:00:00Z\" and (userName sw \"root" + tag + "\" or displayName sw \"root" + tag + "\")";

        Reply all = api.post("/scim/v2/.search", Map.of("schemas", List.of(SEARCH), "filter", filter));
        assertEquals(200, all.status(), all::toString);
        assertEquals(List.of(user, group), ids(all.json()));
        assertEquals(2, all.json().path("totalResults").asInt());
        assertEquals("User", all.json().at("/Resources/0/meta/resourceType").asText());
        assertEquals("Group", all.json().at("/Resources/1/meta/resourceType").asText());

        Reply second = api.post("/scim/v2/.search", Map.of("schemas", List.of(SEARCH), "filter", filter,
                "startIndex", 2, "count", 1));
        assertEquals(List.of(group), ids(second.json()));
        assertEquals(2, second.json().path("totalResults").asInt());

        Reply usersOnly = api.post("/scim/v2/.search", Map.of("schemas", List.of(SEARCH),
                "filter", "userName sw \"root" + tag + "\""));
        assertEquals(List.of(user), ids(usersOnly.json()), "a User-only attribute matches no groups");
    }

    @Test
    void badSearchRequestsAreRefused() {
        Reply noSchema = api.post("/scim/v2/Users/.search", Map.of("filter", "userName pr"));
        assertEquals(400, noSchema.status());
        assertEquals("invalidSyntax", noSchema.json().path("scimType").asText());
        Reply badFilter = api.post("/scim/v2/.search", Map.of("schemas", List.of(SEARCH), "filter", "userName eq"));
        assertEquals(400, badFilter.status(), badFilter::toString);
        assertEquals("invalidFilter", badFilter.json().path("scimType").asText());
        Reply badCount = api.post("/scim/v2/Groups/.search", Map.of("schemas", List.of(SEARCH), "count", List.of(1)));
        assertEquals(400, badCount.status());
        Reply noToken = api.withToken(null).post("/scim/v2/.search", Map.of("schemas", List.of(SEARCH)));
        assertEquals(401, noToken.status());
        assertTrue(api.post("/scim/v2/Groups/.search", "[]").status() == 400);
    }

    /** SCIMLOG_RECORD_READS unset (all): every read is an event, refused or not (see RecordReadsNoneTest). */
    @Test
    void byDefaultEveryReadIsAnEvent() {
        String rejected = EventType.SCIM_REJECTED.id();
        assertEquals(java.util.stream.Stream.of(EventType.USER_CREATE.id(), rejected, EventType.SCIM_SEARCH.id(), EventType.SCIM_READ.id(),
                rejected, rejected, rejected).sorted().toList(),
                RecordedReads.eventTypesAfterReadsAndWrites(this, buffer));
    }

    /**
     * A lookup reads each user's groups in its own statement: direct and through nesting, as a read by id shows
     * them, and none for a user in no group.
     */
    @Test
    void aLookupShowsTheGroupsAReadByIdShows() {
        String inGroups = createUser(api, "grouped");
        String alone = createUser(api, "alone");
        String team = createGroup(api, GroupFixtures.uniqueGroupName("Team"), inGroups);
        createGroup(api, GroupFixtures.uniqueGroupName("Division"), team);
        JsonNode byId = api.get("/scim/v2/Users/" + inGroups).json();
        assertEquals(2, byId.path("groups").size(), byId::toString);
        Reply lookup = api.get("/scim/v2/Users?filter=" + org.scimlog.support.Api.q(
                "userName eq \"" + byId.path("userName").asText() + "\""));
        assertEquals(200, lookup.status(), lookup::toString);
        assertEquals(byId.path("groups"), lookup.json().at("/Resources/0/groups"), lookup::toString);
        Reply both = api.get("/scim/v2/Users?filter=" + org.scimlog.support.Api.q("id eq \"" + alone + "\" or id eq \""
                + inGroups + "\""));
        for (JsonNode user : both.json().path("Resources")) {
            assertEquals(user.path("id").asText().equals(alone) ? 0 : 2, user.path("groups").size(), both::toString);
        }
    }
}
