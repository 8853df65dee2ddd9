package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.UserFixtures.USER;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogEvents;
import org.scimlog.support.ScimServerTest;

/**
 * A resource type and a Group extension declared in the schemas file are served like User and Group:
 * advertised, validated, filterable, sortable, patchable, in Bulk and the root .search, tenant-isolated, and
 * recorded in the System Log with event types of their own.
 */
@MicronautTest(transactional = false)
class DeclaredResourceTypesTest extends ScimServerTest {

    private static final String DEVICE = "urn:example:params:scim:schemas:core:2.0:Device";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String COST = "urn:example:params:scim:schemas:extension:cost:2.0:Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Path file = Files.createTempFile("declared-types", ".json");
            Files.writeString(file, """
                    [{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
                      "id": "Device", "name": "Device", "endpoint": "/Devices", "description": "Managed devices",
                      "schema": "%s"},
                     {"id": "%s", "name": "Device", "description": "A managed device",
                      "attributes": [
                        {"name": "serialNumber", "type": "string", "required": true, "uniqueness": "server"},
                        {"name": "displayName", "type": "string"},
                        {"name": "model", "type": "string"},
                        {"name": "ports", "type": "complex", "multiValued": true, "subAttributes": [
                          {"name": "name", "type": "string"}, {"name": "speed", "type": "integer"}]}
                      ]},
                     {"id": "%s", "name": "CostCenter", "description": "Group cost data", "resourceType": "Group",
                      "attributes": [
                        {"name": "costCenter", "type": "string"}, {"name": "budget", "type": "decimal"}
                      ]}]""".formatted(DEVICE, DEVICE, COST));
            return Map.of("scimlog.scim.extension-schemas-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void discoveryAdvertisesTheDeclaredTypeAndTheGroupExtension() {
        JsonNode device = api.get("/scim/v2/ResourceTypes/Device").json();
        assertEquals("/Devices", device.path("endpoint").asText(), device::toString);
        assertEquals(DEVICE, device.path("schema").asText());
        JsonNode group = api.get("/scim/v2/ResourceTypes/Group").json();
        assertEquals(COST, group.path("schemaExtensions").path(0).path("schema").asText(), group::toString);
        assertEquals(200, api.get("/scim/v2/Schemas/" + DEVICE).status());
        assertEquals(200, api.get("/scim/v2/Schemas/" + COST).status());
    }

    @Test
    void aDeclaredTypeIsProvisionedFilteredSortedPatchedAndDeleted() {
        String serial = "SN-" + UUID.randomUUID();
        Reply created = api.post("/scim/v2/Devices", device(serial, "Laptop of Ada", "X1", 1000));
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        assertEquals(created.json().path("meta").path("location").asText(), created.header("Location"));
        assertTrue(created.header("Location").endsWith("/scim/v2/Devices/" + id), created::toString);
        assertEquals("Device", created.json().path("meta").path("resourceType").asText());
        assertEquals("W/\"1\"", created.header("ETag"));

        Reply conflict = api.post("/scim/v2/Devices", device(serial.toLowerCase(), "Another", "X2", 10));
        assertEquals(409, conflict.status(), conflict::toString);
        assertEquals("uniqueness", conflict.json().path("scimType").asText());
        Reply unknown = api.post("/scim/v2/Devices", Map.of("schemas", List.of(DEVICE), "serialNumber", "SN-x", "colour", "red"));
        assertEquals(400, unknown.status(), unknown::toString);
        Reply missing = api.post("/scim/v2/Devices", Map.of("schemas", List.of(DEVICE), "model", "X1"));
        assertEquals(400, missing.status(), missing::toString);

        api.post("/scim/v2/Devices", device("SN-" + UUID.randomUUID(), "Aardvark desk phone", "P1", 10));
        assertEquals(List.of(id), ids(api.get("/scim/v2/Devices?filter=" + Api.q("serialNumber eq \"" + serial + "\""))));
        assertEquals(List.of(id), ids(api.get("/scim/v2/Devices?filter=" + Api.q("ports[speed gt 100] and model eq \"X1\""))));
        List<String> sorted = names(api.get("/scim/v2/Devices?sortBy=displayName&sortOrder=descending&filter="
                + Api.q("model eq \"X1\" or model eq \"P1\"")));
        assertEquals(List.of("Laptop of Ada", "Aardvark desk phone"), sorted);
        assertEquals(400, api.get("/scim/v2/Devices?filter=" + Api.q("colour eq \"red\"")).status());

        Reply patched = api.patch("/scim/v2/Devices/" + id, Map.of("schemas", List.of(PATCH_OP),
                "Operations", List.of(Map.of("op", "replace", "path", "model", "value", "X1 Carbon"))));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals("X1 Carbon", patched.json().path("model").asText());
        assertEquals("W/\"2\"", patched.header("ETag"));
        Reply again = api.patch("/scim/v2/Devices/" + id, Map.of("schemas", List.of(PATCH_OP),
                "Operations", List.of(Map.of("op", "replace", "path", "model", "value", "X1 Carbon"))));
        assertEquals("W/\"2\"", again.header("ETag"), "a change to the same value keeps the version");

        Api stranger = otherTenant();
        assertEquals(404, stranger.get("/scim/v2/Devices/" + id).status(), "another tenant cannot see it");
        assertEquals(404, stranger.patch("/scim/v2/Devices/" + id, Map.of("schemas", List.of(PATCH_OP),
                "Operations", List.of(Map.of("op", "replace", "path", "model", "value", "stolen")))).status(), "nor change it");
        assertEquals(404, stranger.delete("/scim/v2/Devices/" + id).status(), "nor delete it");
        assertEquals(List.of(), ids(stranger.get("/scim/v2/Devices?filter=" + Api.q("serialNumber eq \"" + serial + "\""))),
                "nor find it");
        assertEquals(List.of(), ids(stranger.post("/scim/v2/Devices/.search", Map.of("schemas",
                List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"), "filter", "id eq \"" + id + "\""))));
        assertEquals("X1 Carbon", api.get("/scim/v2/Devices/" + id).json().path("model").asText());
        assertEquals(204, api.delete("/scim/v2/Devices/" + id).status());
        Reply gone = api.get("/scim/v2/Devices/" + id);
        assertEquals(404, gone.status());
        assertEquals("Device '" + id + "' not found.", gone.json().path("detail").asText());

        JsonNode create = single(LogEvents.about(tenantName, "scimlog.device.lifecycle.create", id));
        assertEquals("Device", create.path("target").path(0).path("type").asText(), create::toString);
        assertEquals(serial, create.path("target").path(0).path("alternateId").asText());
        assertEquals("Laptop of Ada", create.path("target").path(0).path("displayName").asText());
        JsonNode update = single(LogEvents.about(tenantName, "scimlog.device.profile.update", id));
        assertEquals("model", update.path("debugContext").path("debugData").path("changedAttributes").asText());
        assertEquals("X1 Carbon", update.path("target").path(0).path("changeDetails").path("to").path("model").asText());
        single(LogEvents.about(tenantName, "scimlog.device.lifecycle.delete", id));
        JsonNode refused = single(LogEvents.about(tenantName, "scimlog.scim.request.rejected", id));
        assertEquals("Device", refused.path("target").path(0).path("type").asText(), refused::toString);
    }

    @Test
    void declaredTypesAreInBulkAndTheRootSearch() {
        String serial = "SN-" + UUID.randomUUID();
        Reply bulk = api.post("/scim/v2/Bulk", Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:BulkRequest"),
                "Operations", List.of(Map.of("method", "POST", "path", "/Devices", "bulkId", "d1",
                        "data", device(serial, "Bulk device", "B1", 1)))));
        JsonNode result = bulk.json().path("Operations").path(0);
        assertEquals("201", result.path("status").asText(), bulk::toString);
        assertTrue(result.path("location").asText().contains("/scim/v2/Devices/"), bulk::toString);
        Reply found = api.post("/scim/v2/.search", Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"),
                "filter", "serialNumber eq \"" + serial + "\""));
        assertEquals(200, found.status(), found::toString);
        assertEquals(1, found.json().path("totalResults").asInt(), found::toString);
        assertEquals("Device", found.json().path("Resources").path(0).path("meta").path("resourceType").asText());
    }

    @Test
    void groupExtensionDataIsStoredFilteredPatchedAndLogged() {
        String userId = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName",
                UserFixtures.uniqueUserName("cost"))).json().path("id").asText();
        Reply created = api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP, COST),
                "displayName", "Finance " + UUID.randomUUID(), COST, Map.of("costCenter", "CC-7", "budget", 1250.50),
                "members", List.of(Map.of("value", userId))));
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        assertEquals("CC-7", created.json().path(COST).path("costCenter").asText(), created::toString);
        assertEquals(List.of(id), ids(api.get("/scim/v2/Groups?filter=" + Api.q(COST + ":costCenter eq \"CC-7\""))));

        Reply patched = api.patch("/scim/v2/Groups/" + id, Map.of("schemas", List.of(PATCH_OP),
                "Operations", List.of(Map.of("op", "replace", "path", COST + ":costCenter", "value", "CC-9"))));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals("CC-9", patched.json().path(COST).path("costCenter").asText());
        assertEquals(userId, patched.json().path("members").path(0).path("value").asText(), "members untouched");
        Reply same = api.put("/scim/v2/Groups/" + id, Map.of("schemas", List.of(GROUP, COST),
                "displayName", created.json().path("displayName").asText(),
                COST, Map.of("costCenter", "CC-9", "budget", 1250.50), "members", List.of(Map.of("value", userId))));
        assertEquals(patched.header("ETag"), same.header("ETag"), "a PUT of what is stored changes nothing");

        JsonNode update = single(LogEvents.about(tenantName, "group.profile.update", id));
        assertEquals(COST + ":costCenter", update.path("debugContext").path("debugData").path("changedAttributes").asText());
        assertEquals("CC-9", update.path("target").path(0).path("changeDetails").path("to").path(COST + ":costCenter").asText());
        Reply unknownAttribute = api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP, COST),
                "displayName", "Bad " + UUID.randomUUID(), COST, Map.of("colour", "red")));
        assertEquals(400, unknownAttribute.status(), unknownAttribute::toString);
    }

    /** Every write event says the status its request was answered with, whatever the resource type. */
    @Test
    void everyWriteEventOfEveryTypeCarriesItsHttpStatus() {
        String userId = api.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName",
                UserFixtures.uniqueUserName("status"))).json().path("id").asText();
        String groupId = api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Status " + UUID.randomUUID(),
                "members", List.of(Map.of("value", userId)))).json().path("id").asText();
        String deviceId = api.post("/scim/v2/Devices", device("SN-" + UUID.randomUUID(), "Status", "S", 1)).json().path("id").asText();
        for (String path : List.of("/scim/v2/Users/" + userId, "/scim/v2/Groups/" + groupId, "/scim/v2/Devices/" + deviceId)) {
            String attribute = path.contains("Users") ? "title" : path.contains("Groups") ? "externalId" : "model";
            assertEquals(200, api.patch(path, Map.of("schemas", List.of(PATCH_OP), "Operations",
                    List.of(Map.of("op", "replace", "path", attribute, "value", "changed")))).status());
        }
        for (String path : List.of("/scim/v2/Groups/" + groupId, "/scim/v2/Users/" + userId, "/scim/v2/Devices/" + deviceId)) {
            assertEquals(204, api.delete(path).status());
        }
        Map<String, String> expected = Map.ofEntries(
                Map.entry("user.lifecycle.create", "201"), Map.entry("user.account.update_profile", "200"),
                Map.entry("user.lifecycle.delete.completed", "204"),
                Map.entry("group.lifecycle.create", "201"), Map.entry("group.profile.update", "200"),
                Map.entry("group.lifecycle.delete", "204"),
                Map.entry("scimlog.device.lifecycle.create", "201"), Map.entry("scimlog.device.profile.update", "200"),
                Map.entry("scimlog.device.lifecycle.delete", "204"));
        List<String> checked = new ArrayList<>();
        for (JsonNode event : LogEvents.of(tenantName, null)) {
            String type = event.path("eventType").asText();
            boolean ours = event.path("target").findValuesAsText("id").stream()
                    .anyMatch(t -> t.equals(userId) || t.equals(groupId) || t.equals(deviceId));
            if (ours && expected.containsKey(type)) {
                assertEquals(expected.get(type), event.path("debugContext").path("debugData").path("httpStatus").asText(),
                        event::toString);
                checked.add(type);
            }
            if (ours && type.startsWith("group.user_membership.")) {
                assertFalse(event.path("debugContext").path("debugData").path("httpStatus").asText().isEmpty(), event::toString);
            }
        }
        assertTrue(checked.containsAll(expected.keySet()), "checked " + checked);
    }

    @Test
    void theEventCatalogListsTheDeclaredTypesEvents() {
        String token = tenants.createTenantWithToken("c-" + UUID.randomUUID().toString().substring(0, 12), "tests",
                List.of(Scopes.LOGS_READ)).secret();
        JsonNode catalog = api.withToken(token).get("/api/v1/logs/event-types").json();
        List<String> types = catalog.findValuesAsText("eventType");
        assertTrue(types.containsAll(List.of("scimlog.device.lifecycle.create", "scimlog.device.lifecycle.delete",
                "scimlog.device.profile.update", "user.lifecycle.create")), types::toString);
    }

    @Test
    void anEndpointNoTypeIsServedAtIsNotFound() {
        Reply reply = api.get("/scim/v2/Gadgets");
        assertEquals(404, reply.status(), reply::toString);
        assertEquals("404", reply.json().path("status").asText());
        assertEquals(404, api.post("/scim/v2/Gadgets", device("SN-1", "x", "x", 1)).status());
    }

    private static Map<String, Object> device(String serial, String displayName, String model, int speed) {
        return Map.of("schemas", List.of(DEVICE), "serialNumber", serial, "displayName", displayName, "model", model,
                "ports", List.of(Map.of("name", "eth0", "speed", speed)));
    }

    private static List<String> ids(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().path("Resources").findValuesAsText("id");
    }

    private static List<String> names(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        List<String> names = new ArrayList<>();
        reply.json().path("Resources").forEach(r -> names.add(r.path("displayName").asText()));
        return names;
    }

    private static JsonNode single(List<JsonNode> events) {
        assertEquals(1, events.size(), events::toString);
        return events.get(0);
    }
}
