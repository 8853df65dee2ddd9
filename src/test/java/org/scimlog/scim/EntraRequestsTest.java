package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scimlog.scim.BulkFixtures.assertFailed;
import static org.scimlog.scim.BulkFixtures.bulk;
import static org.scimlog.scim.BulkFixtures.idIn;
import static org.scimlog.scim.BulkFixtures.operation;
import static org.scimlog.scim.BulkFixtures.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.scimlog.directory.UserSqlFields;
import org.scimlog.filter.Dialect;
import org.scimlog.filter.FilterParser;
import org.scimlog.filter.FilterSql;
import org.scimlog.filter.SqlFragment;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.LogEvents;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;

/**
 * Microsoft Entra ID's requests exactly as its SCIM tutorial shows them
 * (https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups):
 * the work-email filter ("if user uniqueness is evaluated for both userName and emails[type eq "work"], a GET to
 * /Users with a filter must allow for both userName eq "user@contoso.com" and emails[type eq "work"].value eq
 * "user@contoso.com" queries"), which Test Connection also sends with a random value, and the create-group body
 * with its legacy ADSCIM schema marker.
 */
@MicronautTest(transactional = false)
class EntraRequestsTest extends ScimServerTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String ADSCIM_GROUP = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
    private static final String ADSCIM_USER = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/User";
    private static final String BADGES = "urn:example:params:scim:schemas:extension:badges:2.0:User";
    private static final String DEVICE = "urn:example:params:scim:schemas:Device";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /** The tutorial's "Create User" request, as Entra sends it. */
    private static final String ENTRA_CREATE_USER = """
            {
                "schemas": [
                    "urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
                "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
                "active": true,
                "emails": [{
                    "primary": true,
                    "type": "work",
                    "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"
                }],
                "meta": {
                    "resourceType": "User"
                },
                "name": {
                    "formatted": "givenName familyName",
                    "familyName": "familyName",
                    "givenName": "givenName"
                },
                "roles": []
            }""";
    private static final String WORK_EMAIL = "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com";

    /** The tutorial's "Create Group" request, as Entra sends it. */
    private static final String ENTRA_CREATE_GROUP = """
            {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
                "displayName": "displayName",
                "meta": {
                    "resourceType": "Group"
                }
            }""";

    @Inject
    UserSqlFields userFields;

    private String entraUserId;
    private String homeUserId;

    @Override
    protected Map<String, String> extraProperties() {
        try {
            Path file = Files.createTempFile("entra-schemas", ".json");
            Files.writeString(file, """
                    [{"id": "%s", "name": "Badges", "description": "badges",
                      "attributes": [
                        {"name": "badges", "type": "complex", "multiValued": true, "subAttributes": [
                          {"name": "type", "type": "string"}, {"name": "value", "type": "string"},
                          {"name": "pin", "type": "string", "mutability": "writeOnly"}]}]},
                     {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
                      "id": "Device", "name": "Device", "endpoint": "/Devices", "description": "Devices", "schema": "%s"},
                     {"id": "%s", "name": "Device", "description": "A device",
                      "attributes": [
                        {"name": "serialNumber", "type": "string", "required": true},
                        {"name": "ports", "type": "complex", "multiValued": true, "subAttributes": [
                          {"name": "name", "type": "string"}, {"name": "speed", "type": "integer"}]}]}]
                    """.formatted(BADGES, DEVICE, DEVICE));
            return Map.of("scimlog.scim.extension-schemas-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void seed() {
        Reply entra = api.post("/scim/v2/Users", ENTRA_CREATE_USER);
        assertEquals(201, entra.status(), entra::toString);
        entraUserId = entra.json().path("id").asText();
        // The same address as a home email of someone else, and a work email of a third: the filter must tell them apart.
        homeUserId = created(Map.of("schemas", List.of(USER), "userName", "home@example.com",
                "emails", List.of(Map.of("type", "home", "value", WORK_EMAIL))));
        created(Map.of("schemas", List.of(USER, BADGES), "userName", "other@example.com",
                "emails", List.of(Map.of("type", "work", "value", "other@testuser.com", "primary", true),
                        Map.of("type", "home", "value", "other@home.example")),
                BADGES, Map.of("badges", List.of(Map.of("type", "door", "value", "B-1", "pin", "8642")))));
    }

    private String created(Map<String, Object> body) {
        Reply reply = api.post("/scim/v2/Users", body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().path("id").asText();
    }

    private Set<String> userNames(String filter) {
        Reply reply = api.get("/scim/v2/Users?filter=" + Api.q(filter));
        assertEquals(200, reply.status(), () -> filter + " -> " + reply);
        return userNamesIn(reply);
    }

    private static Set<String> userNamesIn(Reply reply) {
        Set<String> names = new HashSet<>();
        reply.json().path("Resources").forEach(r -> names.add(r.path("userName").asText()));
        assertEquals(names.size(), reply.json().path("totalResults").asInt(), reply::toString);
        return names;
    }

    @Test
    void workEmailFilterFindsTheUserWhoseWorkEmailItIs() {
        assertEquals(Set.of("Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"),
                userNames("emails[type eq \"work\"].value eq \"" + WORK_EMAIL + "\""));
        assertEquals(Set.of("Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1", "home@example.com"),
                userNames("emails.value eq \"" + WORK_EMAIL + "\""), "without the value filter, any email matches");
        assertEquals(Set.of("Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"),
                userNames("emails[type eq \"work\"].value eq \"" + WORK_EMAIL.toUpperCase() + "\""), "emails are caseExact false");
        assertEquals(Set.of(), userNames("emails[type eq \"home\"].value eq \"other@testuser.com\""),
                "the value filter and the sub-attribute hold for the same element");
    }

    /** Test Connection: Entra looks up a user that cannot exist, by the matching attribute, with a random value. */
    @Test
    void testConnectionWithARandomValueIsAnEmptyListResponse() {
        Reply reply = api.get("/scim/v2/Users?filter=" + Api.q("emails[type eq \"work\"].value eq \"" + UUID.randomUUID() + "\""));

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("urn:ietf:params:scim:api:messages:2.0:ListResponse", reply.json().at("/schemas/0").asText());
        assertEquals(0, reply.json().path("totalResults").asInt(-1), reply::toString);
        assertEquals(0, reply.json().path("Resources").size());
    }

    @ParameterizedTest(name = "{0}  ==  {1}")
    @CsvSource(delimiter = '|', value = {
            "emails[type eq \"work\"].value eq \"other@testuser.com\"      | emails[type eq \"work\" and value eq \"other@testuser.com\"]",
            "emails[type eq \"work\"].value co \"@testuser.\"              | emails[type eq \"work\" and value co \"@testuser.\"]",
            "emails[type eq \"home\"].value pr                             | emails[type eq \"home\" and value pr]",
            "emails[type eq \"work\"].primary eq true                      | emails[type eq \"work\" and primary eq true]",
            "emails[type eq \"work\" or type eq \"home\"].value sw \"other\" | emails[(type eq \"work\" or type eq \"home\") and value sw \"other\"]",
            "not (emails[type eq \"work\"].value pr) and userName pr       | not (emails[type eq \"work\" and value pr]) and userName pr",
            "urn:example:params:scim:schemas:extension:badges:2.0:User:badges[type eq \"door\"].value eq \"B-1\" | urn:example:params:scim:schemas:extension:badges:2.0:User:badges[type eq \"door\" and value eq \"B-1\"]",
    })
    void subAttributeFormAnswersAsTheBracketForm(String entraForm, String bracketForm) {
        Set<String> expected = userNames(bracketForm);
        assertEquals(expected, userNames(entraForm));
        assertFalse(expected.isEmpty() && !bracketForm.startsWith("not"), "each pair selects someone: " + bracketForm);
    }

    @Test
    void searchEndpointsAcceptTheForm() {
        String filter = "emails[type eq \"work\"].value eq \"" + WORK_EMAIL + "\"";
        Reply users = api.post("/scim/v2/Users/.search", Map.of(
                "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"), "filter", filter));
        assertEquals(200, users.status(), users::toString);
        assertEquals(Set.of("Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1"), userNamesIn(users));

        Reply root = api.post("/scim/v2/.search", Map.of(
                "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"), "filter", filter));
        assertEquals(200, root.status(), root::toString);
        assertEquals(1, root.json().path("totalResults").asInt(), root::toString);
        assertEquals(entraUserId, root.json().at("/Resources/0/id").asText());
    }

    @Test
    void groupsAndDeclaredTypesAcceptTheForm() {
        String groupId = api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Form readers",
                "members", List.of(Map.of("value", entraUserId)))).json().path("id").asText();
        Reply groups = api.get("/scim/v2/Groups?filter=" + Api.q("members[type eq \"User\"].value eq \"" + entraUserId + "\""));
        assertEquals(200, groups.status(), groups::toString);
        assertEquals(1, groups.json().path("totalResults").asInt(), groups::toString);
        assertEquals(groupId, groups.json().at("/Resources/0/id").asText());
        assertEquals(0, api.get("/scim/v2/Groups?filter=" + Api.q("members[type eq \"Group\"].value eq \"" + entraUserId + "\""))
                .json().path("totalResults").asInt(-1));

        Reply device = api.post("/scim/v2/Devices", Map.of("schemas", List.of(DEVICE), "serialNumber", "SN-1",
                "ports", List.of(Map.of("name", "usb-c", "speed", 40), Map.of("name", "hdmi", "speed", 18))));
        assertEquals(201, device.status(), device::toString);
        assertEquals(1, api.get("/scim/v2/Devices?filter=" + Api.q("ports[name eq \"usb-c\"].speed gt 20"))
                .json().path("totalResults").asInt(-1));
        assertEquals(0, api.get("/scim/v2/Devices?filter=" + Api.q("ports[name eq \"hdmi\"].speed gt 20"))
                .json().path("totalResults").asInt(-1), "speed 40 belongs to another element than hdmi");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "emails[type eq \"work\"].value                                  | expected a comparison operator",
            "emails[type eq \"work\"].value eq                               | expected a value",
            "userName[value eq \"x\"].value eq \"y\"                         | not a multi-valued complex attribute",
            "name[givenName eq \"givenName\"].familyName eq \"familyName\"   | not a multi-valued complex attribute",
            "emails[type[value eq \"x\"] eq \"work\"].value eq \"y\"         | cannot be nested",
            "emails[type eq \"work\"].nope eq \"x\"                          | unknown sub-attribute 'emails.nope'",
            "emails[type eq \"work\"].value.display eq \"x\"                 | too deep",
            "emails[type eq \"work\"] .value eq \"x\"                        | but found '.value'",
    })
    void malformedFormsAre400InvalidFilterSayingWhy(String filter, String why) {
        Reply reply = api.get("/scim/v2/Users?filter=" + Api.q(filter));
        BadInputTest.assertError(reply, 400, "invalidFilter");
        assertTrue(reply.json().path("detail").asText().contains(why), reply::toString);
    }

    /** A writeOnly sub-attribute is never returned, so no filter may ask about it, in either form. */
    @ParameterizedTest
    @ValueSource(strings = {BADGES + ":badges[type eq \"door\"].pin eq \"8642\"", BADGES + ":badges[type eq \"door\" and pin eq \"8642\"]",
            BADGES + ":badges[pin sw \"8\"].value pr"})
    void aWriteOnlySubAttributeStaysUnfilterable(String filter) {
        Reply reply = api.get("/scim/v2/Users?filter=" + Api.q(filter));
        BadInputTest.assertError(reply, 400, "invalidFilter");
        assertTrue(reply.json().path("detail").asText().contains("never returned"), reply::toString);
        assertFalse(reply.body().contains("8642"), reply::toString);
    }

    /** Okta's System Log grammar has no value paths, with or without a sub-attribute: E0000031, as for "[...]". */
    @Test
    void systemLogFiltersRefuseTheForm() {
        Api reader = api.withToken(tenants.createTenantWithToken(tenantName, "siem", List.of(Scopes.LOGS_READ)).secret());
        Reply reply = reader.get("/api/v1/logs?filter=" + Api.q("target[type eq \"User\"].id eq \"" + entraUserId + "\""));

        assertEquals(400, reply.status(), reply::toString);
        assertEquals("E0000031", reply.json().path("errorCode").asText(), reply::toString);
        assertTrue(reply.json().at("/errorCauses/0/errorSummary").asText().contains("value filters ('[...]') are not supported"),
                reply::toString);
    }

    /** The same SQL, hence the same plan, as the bracket form: the form is read as the bracket form. */
    @Test
    void servedByTheSameSqlAndPlanAsTheBracketForm() throws SQLException {
        SqlFragment entra = FilterSql.toSql(FilterParser.parse(
                "emails[type eq \"work\"].value eq \"" + WORK_EMAIL + "\"", Dialect.SCIM), userFields);
        SqlFragment bracket = FilterSql.toSql(FilterParser.parse(
                "emails[type eq \"work\" and value eq \"" + WORK_EMAIL + "\"]", Dialect.SCIM), userFields);
        assertEquals(bracket, entra);
        assertEquals(explain(bracket), explain(entra));
    }

    private List<String> explain(SqlFragment condition) throws SQLException {
        try (Connection c = LogRows.connect();
             PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT u.id FROM scim_user u WHERE u.tenant_id = "
                     + "(SELECT id FROM tenant WHERE name = ?) AND " + condition.sql())) {
            ps.setString(1, tenantName);
            for (int i = 0; i < condition.parameters().size(); i++) {
                ps.setObject(i + 2, condition.parameters().get(i));
            }
            List<String> plan = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1).replaceAll("cost=\\S+ rows=\\d+ width=\\d+", ""));
                }
            }
            return plan;
        }
    }

    // ---- the ADSCIM marker ----

    @Test
    void createGroupAsTheTutorialSendsIt() {
        Reply created = api.post("/scim/v2/Groups", ENTRA_CREATE_GROUP);

        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        assertEquals(List.of(GROUP), schemas(created.json()), "the marker is not echoed");
        assertEquals("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", created.json().path("externalId").asText());
        assertEquals("displayName", created.json().path("displayName").asText());
        assertFalse(created.body().contains("ADSCIM"), created::body);
        Reply read = api.get("/scim/v2/Groups/" + id);
        assertEquals(List.of(GROUP), schemas(read.json()), "nor stored");
        assertEquals(List.of(ADSCIM_GROUP), ignoredSchemas("group.lifecycle.create", id));
    }

    @Test
    void createUserWithTheUserMarker() {
        ObjectNode body = (ObjectNode) Api.json(ENTRA_CREATE_USER);
        body.withArray("/schemas").add(ADSCIM_USER);
        body.put("userName", "marked@example.com");
        body.set("emails", Api.json("[{\"type\": \"work\", \"value\": \"marked@testuser.com\"}]"));
        body.put("externalId", UUID.randomUUID().toString());

        Reply created = api.post("/scim/v2/Users", body);

        assertEquals(201, created.status(), created::toString);
        assertEquals(List.of(USER), schemas(created.json()));
        assertEquals(List.of(ADSCIM_USER), ignoredSchemas("user.lifecycle.create", created.json().path("id").asText()));
    }

    @Test
    void putAndPatchWithTheMarker() {
        String id = api.post("/scim/v2/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Before")).json().path("id").asText();

        Reply put = api.put("/scim/v2/Groups/" + id, Map.of("schemas", List.of(GROUP, ADSCIM_GROUP), "displayName", "After PUT"));
        assertEquals(200, put.status(), put::toString);
        assertEquals(List.of(GROUP), schemas(put.json()));
        assertEquals(List.of(ADSCIM_GROUP), ignoredSchemas("group.profile.update", id));

        Reply patched = api.patch("/scim/v2/Users/" + homeUserId, Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(
                Map.of("op", "Replace", "value", Map.of("schemas", List.of(USER, ADSCIM_USER), "displayName", "Home")))));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(List.of(USER), schemas(patched.json()));
        assertEquals(List.of(ADSCIM_USER), ignoredSchemas("user.account.update_profile", homeUserId));
    }

    @Test
    void bulkCreatesWithTheMarker() {
        List<JsonNode> results = results(api, bulk(operation("POST", "/Groups", "g1", Api.json(ENTRA_CREATE_GROUP
                .replace("\"displayName\": \"displayName\"", "\"displayName\": \"Bulk group\"")))));

        assertEquals("201", results.get(0).path("status").asText(), results::toString);
        String id = idIn(results.get(0));
        assertEquals(List.of(GROUP), schemas(api.get("/scim/v2/Groups/" + id).json()));
        assertEquals(List.of(ADSCIM_GROUP), ignoredSchemas("group.lifecycle.create", id));

        List<JsonNode> refused = results(api, bulk(operation("POST", "/Users", "u1", Map.of(
                "schemas", List.of(USER, ADSCIM_GROUP), "userName", "bulk-wrong-marker@example.com"))));
        assertFailed(refused.get(0), 400, "invalidSyntax");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the Group marker on Users, and any other URN, are refused as before
            "/scim/v2/Users  | {\"schemas\": [\"" + USER + "\", \"" + ADSCIM_GROUP + "\"], \"userName\": \"wrong-marker@example.com\"} | is not supported",
            "/scim/v2/Groups | {\"schemas\": [\"" + GROUP + "\", \"" + ADSCIM_USER + "\"], \"displayName\": \"wrong marker\"} | is not supported",
            "/scim/v2/Groups | {\"schemas\": [\"" + GROUP + "\", \"http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Device\"], \"displayName\": \"x\"} | is not supported",
            "/scim/v2/Groups | {\"schemas\": [\"" + GROUP + "\", \"urn:example:unknown:2.0:Group\"], \"displayName\": \"x\"} | is not supported",
            // the marker alone does not name the resource's schema
            "/scim/v2/Groups | {\"schemas\": [\"" + ADSCIM_GROUP + "\"], \"displayName\": \"only the marker\"} | required",
            // the marker carries no attributes
            "/scim/v2/Groups | {\"schemas\": [\"" + GROUP + "\", \"" + ADSCIM_GROUP + "\"], \"displayName\": \"x\", \"" + ADSCIM_GROUP + "\": {\"description\": \"d\"}} | carries no attributes",
            "/scim/v2/Users  | {\"schemas\": [\"" + USER + "\"], \"userName\": \"member@example.com\", \"" + ADSCIM_USER + "\": {}} | carries no attributes",
    })
    void otherSchemasAndAttributesUnderTheMarkerAreRefused(String path, String body, String why) {
        Reply reply = api.post(path, body);
        BadInputTest.assertError(reply, 400, "invalidSyntax");
        assertTrue(reply.json().path("detail").asText().contains(why), reply::toString);
    }

    private static List<String> schemas(JsonNode resource) {
        List<String> urns = new ArrayList<>();
        resource.path("schemas").forEach(urn -> urns.add(urn.asText()));
        return urns;
    }

    private List<String> ignoredSchemas(String eventType, String targetId) {
        List<JsonNode> events = LogEvents.about(tenantName, eventType, targetId);
        assertFalse(events.isEmpty(), eventType + " of " + targetId);
        String ignored = events.get(events.size() - 1).at("/debugContext/debugData/ignoredSchemas").asText();
        return ignored.isEmpty() ? List.of() : List.of(ignored.split(","));
    }
}
