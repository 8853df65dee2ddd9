package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.UserFixtures.oktaUser;
import static org.scimlog.scim.UserFixtures.patch;
import static org.scimlog.scim.UserFixtures.uniqueUserName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/** The requests Okta's provisioning engine sends, in the order it sends them. */
@MicronautTest(transactional = false)
class OktaProvisioningSequenceTest extends ScimServerTest {

    @Test
    void assignUpdateDeactivateReactivate() {
        String userName = uniqueUserName("Okta.User");
        // "Test API Credentials" and the existence check before create
        Reply probe = api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + userName + "\"") + "&startIndex=1&count=100");
        assertEquals(200, probe.status());
        assertEquals(0, probe.json().path("totalResults").asInt(-1));
        assertTrue(probe.json().path("totalResults").isInt(), "numbers as JSON numbers");
        assertEquals("urn:ietf:params:scim:api:messages:2.0:ListResponse", probe.json().at("/schemas/0").asText());

        Reply created = api.post("/scim/v2/Users", oktaUser(userName, "Okta", "User"));
        assertEquals(201, created.status());
        String id = created.json().path("id").asText();

        Reply found = api.get("/scim/v2/Users?filter=" + Api.q("userName eq \"" + userName.toUpperCase() + "\"") + "&startIndex=1&count=100");
        assertEquals(1, found.json().path("totalResults").asInt());
        assertEquals(id, found.json().at("/Resources/0/id").asText());

        // profile push: GET then PUT of what was read, with the changed name
        ObjectNode current = (ObjectNode) api.get("/scim/v2/Users/" + id).json();
        ((ObjectNode) current.get("name")).put("givenName", "Renamed");
        current.put("displayName", "Renamed User");
        Reply put = api.put("/scim/v2/Users/" + id, current.toString());
        assertEquals(200, put.status(), put::toString);
        assertEquals("Renamed", put.json().at("/name/givenName").asText());

        Reply deactivated = api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "replace", "value", Map.of("active", false))));
        assertEquals(200, deactivated.status());
        assertFalse(api.get("/scim/v2/Users/" + id).json().path("active").asBoolean(true));

        Reply reactivated = api.patch("/scim/v2/Users/" + id, patch(Map.of("op", "replace", "value", Map.of("active", true))));
        assertEquals(200, reactivated.status());
        assertTrue(api.get("/scim/v2/Users/" + id).json().path("active").asBoolean(false));
    }

    @Test
    void importPagesThroughEveryUserOnce() {
        Api fresh = otherTenant();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            Reply reply = fresh.post("/scim/v2/Users", oktaUser(uniqueUserName("import" + i), "I", "U" + i));
            created.add(reply.json().path("id").asText());
        }
        Set<String> imported = new HashSet<>();
        int startIndex = 1;
        int pages = 0;
        while (true) {
            JsonNode page = fresh.get("/scim/v2/Users?startIndex=" + startIndex + "&count=100").json();
            assertEquals(250, page.path("totalResults").asInt());
            page.path("Resources").forEach(r -> assertTrue(imported.add(r.path("id").asText()), "no user twice"));
            pages++;
            if (startIndex + 100 > page.path("totalResults").asInt()) {
                break;
            }
            startIndex += 100;
        }
        assertEquals(3, pages);
        assertEquals(created, imported);
    }
}
