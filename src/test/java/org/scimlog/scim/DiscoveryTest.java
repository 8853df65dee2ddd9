package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.UserFixtures.USER;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/** Discovery tells the truth, including about an extension schema declared in configuration. */
@MicronautTest(transactional = false)
class DiscoveryTest extends ScimServerTest {

    static final String ACME = "urn:example:params:scim:schemas:extension:acme:2.0:User";

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Path file = Files.createTempFile("acme-schema", ".json");
            Files.writeString(file, """
                    [{"id": "%s", "name": "AcmeUser", "description": "Acme's own attributes",
                      "attributes": [
                        {"name": "badgeNumber", "type": "integer", "multiValued": false, "required": true},
                        {"name": "costCode", "type": "string", "caseExact": true},
                        {"name": "contractor", "type": "boolean"}
                      ]}]""".formatted(ACME));
            return Map.of("scimlog.scim.extension-schemas-file", file.toString(), "scimlog.scim.max-count", "500");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void serviceProviderConfigIsTruthful() {
        Reply reply = api.withToken(null).get("/scim/v2/ServiceProviderConfig");
        assertEquals(200, reply.status());
        JsonNode config = reply.json();
        assertTrue(config.at("/patch/supported").asBoolean());
        assertTrue(config.at("/filter/supported").asBoolean());
        assertEquals(500, config.at("/filter/maxResults").asInt());
        assertTrue(config.at("/sort/supported").asBoolean());
        assertTrue(config.at("/etag/supported").asBoolean());
        assertTrue(config.at("/bulk/supported").asBoolean());
        assertEquals(1000, config.at("/bulk/maxOperations").asInt(), "the default");
        assertEquals(1048576, config.at("/bulk/maxPayloadSize").asInt(), "the default");
        assertEquals("oauthbearertoken", config.at("/authenticationSchemes/0/type").asText());
    }

    @Test
    void schemasListCoreEnterpriseAndDeclaredExtensions() {
        JsonNode list = api.get("/scim/v2/Schemas").json();
        List<String> ids = new ArrayList<>();
        list.path("Resources").forEach(s -> ids.add(s.path("id").asText()));
        assertEquals(List.of(USER, UserFixtures.ENTERPRISE, ACME, "urn:ietf:params:scim:schemas:core:2.0:Group"), ids);

        JsonNode user = api.get("/scim/v2/Schemas/" + USER).json();
        JsonNode userName = find(user.path("attributes"), "userName");
        assertTrue(userName.path("required").asBoolean());
        assertEquals("server", userName.path("uniqueness").asText());
        assertEquals("writeOnly", find(user.path("attributes"), "password").path("mutability").asText());
        assertEquals("never", find(user.path("attributes"), "password").path("returned").asText());
        assertEquals("readOnly", find(user.path("attributes"), "groups").path("mutability").asText());
        assertEquals(404, api.get("/scim/v2/Schemas/urn:nope").status());
        assertEquals(403, api.get("/scim/v2/Schemas?filter=" + Api.q("id eq \"x\"")).status());
    }

    @Test
    void resourceTypesNameTheirExtensions() {
        JsonNode user = api.get("/scim/v2/ResourceTypes/User").json();
        assertEquals("/Users", user.path("endpoint").asText());
        assertEquals(USER, user.path("schema").asText());
        assertEquals(2, user.path("schemaExtensions").size());
        assertEquals(2, api.get("/scim/v2/ResourceTypes").json().path("totalResults").asInt());
        JsonNode group = api.get("/scim/v2/ResourceTypes/Group").json();
        assertEquals("/Groups", group.path("endpoint").asText());
        assertEquals("urn:ietf:params:scim:schemas:core:2.0:Group", group.path("schema").asText());
        assertEquals(0, group.path("schemaExtensions").size());
        JsonNode groupSchema = api.get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group").json();
        assertEquals("displayName", groupSchema.at("/attributes/0/name").asText());
        assertEquals("members", groupSchema.at("/attributes/1/name").asText());
        assertEquals(List.of("value", "display", "$ref", "type"),
                groupSchema.at("/attributes/1/subAttributes").findValuesAsText("name"));
    }

    @Test
    void declaredExtensionIsValidatedStoredAndFilterable() {
        Map<String, Object> body = new HashMap<>(UserFixtures.oktaUser(UserFixtures.uniqueUserName("acme"), "A", "C"));
        body.put("schemas", List.of(USER, ACME));
        body.put(ACME, Map.of("badgeNumber", 4711, "costCode", "CC-9", "contractor", true));
        Reply created = api.post("/scim/v2/Users", body);
        assertEquals(201, created.status(), created::toString);
        assertEquals(4711, created.json().path(ACME).path("badgeNumber").asInt());

        assertEquals(1, api.get("/scim/v2/Users?filter=" + Api.q(ACME + ":badgeNumber gt 4700")).json().path("totalResults").asInt());
        assertEquals(0, api.get("/scim/v2/Users?filter=" + Api.q(ACME + ":costCode eq \"cc-9\"")).json().path("totalResults").asInt(),
                "costCode is caseExact");
        assertEquals(1, api.get("/scim/v2/Users?filter=" + Api.q(ACME + ":contractor eq true")).json().path("totalResults").asInt());

        body.put(ACME, Map.of("badgeNumber", "4711"));
        BadInputTest.assertError(api.post("/scim/v2/Users", body), 400, "invalidValue");
        body.put(ACME, Map.of("costCode", "x"));
        BadInputTest.assertError(api.post("/scim/v2/Users", body), 400, "invalidValue");
    }

    private static JsonNode find(JsonNode attributes, String name) {
        for (JsonNode attribute : attributes) {
            if (attribute.path("name").asText().equals(name)) {
                return attribute;
            }
        }
        throw new AssertionError("no attribute " + name);
    }
}
