package org.scimlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.ScimServerTest;

/**
 * The operator API answers only credentials with the admin scope (which only the operators' tenant can hold),
 * answers bad requests with Okta's error bodies, and records every change as an event in the operators' log and
 * in the changed tenant's log, never with a secret.
 */
@MicronautTest(transactional = false)
class OperatorApiTest extends ScimServerTest {

    private Api operator;
    private Api operatorsLog;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.security.token-cache-seconds", "0");
    }

    @BeforeAll
    void operator() {
        operator = api.withToken(tenants.issue(TenantAdministration.OPERATORS,
                CredentialRequest.bearer("ops-" + UUID.randomUUID(), List.of(Scopes.ADMIN)), false).secret());
        operatorsLog = api.withToken(tenants.issue(TenantAdministration.OPERATORS,
                CredentialRequest.bearer("audit-" + UUID.randomUUID(), List.of(Scopes.LOGS_READ)), false).secret());
    }

    @Test
    void onlyAdminCredentialsReachTheOperatorApi() {
        Reply anonymous = new Api(api.baseUrl(), null).get("/api/v1/admin/tenants");
        assertEquals(401, anonymous.status());
        assertEquals("E0000011", anonymous.json().path("errorCode").asText());
        Reply provisioning = api.get("/api/v1/admin/tenants");
        assertEquals(403, provisioning.status());
        assertEquals("E0000006", provisioning.json().path("errorCode").asText());
        assertEquals(403, api.post("/api/v1/admin/tenants", Map.of("name", "sneaky")).status());
        assertEquals(403, api.delete("/api/v1/admin/tenants/" + tenantName + "/credentials/tests").status(),
                "a tenant cannot revoke even its own credentials");
        assertEquals(403, operatorsLog.get("/api/v1/admin/tenants").status(), "logs.read of the operators is not admin");
        assertEquals(200, api.get("/scim/v2/Users").status(), "and nothing was revoked");

        Reply adminForCustomer = operator.post("/api/v1/admin/tenants/" + tenantName + "/credentials",
                Map.of("name", "escalate", "scopes", List.of("admin")));
        assertEquals(400, adminForCustomer.status(), adminForCustomer.body());
        assertEquals(403, operator.get("/scim/v2/Users").status(), "an operator credential provisions nothing");
    }

    @Test
    void badRequestsGetOktaErrorBodies() {
        Map<String, Object> cases = Map.of(
                "{\"name\": \"Not A Name\"}", 400,
                "[]", 400,
                "{", 400,
                "{\"name\": \"scimlog-operators\"}", 400);
        cases.forEach((body, status) -> {
            Reply reply = operator.send("POST", "/api/v1/admin/tenants", body, Map.of("Content-Type", "application/json"));
            assertEquals(status, reply.status(), body + " -> " + reply.body());
            assertEquals("E0000001", reply.json().path("errorCode").asText(), reply.body());
        });
        assertEquals(409, operator.post("/api/v1/admin/tenants", Map.of("name", tenantName)).status());
        Reply unknown = operator.get("/api/v1/admin/tenants/no-such-tenant/credentials");
        assertEquals(404, unknown.status());
        assertEquals("E0000007", unknown.json().path("errorCode").asText());
        assertEquals(404, operator.delete("/api/v1/admin/tenants/" + tenantName + "/credentials/no-such").status());
        for (Map<String, Object> credential : List.of(
                Map.<String, Object>of("name", "x", "type", "kerberos"),
                Map.<String, Object>of("name", "x", "scopes", List.of("root")),
                Map.<String, Object>of("name", "x", "scopes", "scim"),
                Map.<String, Object>of("name", "x", "expiresAt", "tomorrow"),
                Map.<String, Object>of("name", "x", "type", "jwt", "issuer", "i", "audience", "a", "jwksUrl", "file:///etc/passwd"),
                Map.<String, Object>of("name", "x", "type", "bearer", "issuer", "i"),
                Map.<String, Object>of("name", "bad name!"))) {
            Reply reply = operator.post("/api/v1/admin/tenants/" + tenantName + "/credentials", credential);
            assertEquals(400, reply.status(), credential + " -> " + reply.body());
            assertEquals("E0000001", reply.json().path("errorCode").asText());
        }
    }

    @Test
    void everyChangeIsAnEventInBothLogsWithoutTheSecret() {
        String tenant = "a-" + UUID.randomUUID().toString().substring(0, 12);
        assertEquals(201, operator.post("/api/v1/admin/tenants", Map.of("name", tenant)).status());
        Reply issued = operator.post("/api/v1/admin/tenants/" + tenant + "/credentials",
                Map.of("name", "okta", "scopes", List.of("scim", "logs.read")));
        String secret = issued.json().path("token").asText();
        Reply rotated = operator.post("/api/v1/admin/tenants/" + tenant + "/credentials?rotate=true",
                Map.of("name", "okta", "scopes", List.of("scim", "logs.read")));
        String rotatedSecret = rotated.json().path("token").asText();
        operator.post("/api/v1/admin/tenants/" + tenant + "/credentials", Map.of("name", "gone"));
        assertEquals(204, operator.delete("/api/v1/admin/tenants/" + tenant + "/credentials/gone").status());

        Api tenantLog = api.withToken(rotatedSecret);
        String filter = "?filter=" + Api.q("eventType sw \"system.api_token\" or eventType sw \"scimlog.tenant\"");
        Await.until("the tenant's admin events", Duration.ofSeconds(30),
                () -> tenantLog.get("/api/v1/logs" + filter).json().size() >= 5);
        JsonNode events = tenantLog.get("/api/v1/logs" + filter).json();
        List<String> types = events.findValuesAsText("eventType");
        assertEquals(List.of("scimlog.tenant.lifecycle.create", "system.api_token.create", "system.api_token.create",
                "system.api_token.create", "system.api_token.revoke"), types, events.toString());
        JsonNode rotation = events.get(2);
        assertTrue(rotation.path("debugContext").path("debugData").path("rotated").asBoolean(), rotation.toString());
        assertEquals("okta", rotation.path("target").get(0).path("alternateId").asText());
        assertEquals("ApiToken", rotation.path("actor").path("type").asText());
        assertFalse(events.toString().contains(secret) || events.toString().contains(rotatedSecret));

        Await.until("the operators' copy", Duration.ofSeconds(30), () -> operatorsLog.get("/api/v1/logs" + filter
                + "&q=" + tenant).json().size() >= 5);
        assertFalse(operatorsLog.get("/api/v1/logs" + filter).body().contains(rotatedSecret));

        // the operators' log is readable with admin alone (issue 13: "an operators' log readable with admin")
        Reply withAdmin = operator.get("/api/v1/logs" + filter + "&q=" + tenant);
        assertEquals(200, withAdmin.status(), withAdmin.toString());
        assertTrue(withAdmin.json().size() >= 5, withAdmin.toString());
        assertEquals(200, operator.get("/api/v1/logs/aggregate").status());
        assertEquals(200, operator.get("/api/v1/logs/verify").status());
        assertEquals(403, api.withToken(rotatedSecret).get("/api/v1/admin/tenants").status(), "and logs.read is still not admin");
    }

    @Test
    void listingTenantsShowsStatusAndNoCredentials() {
        JsonNode listed = operator.get("/api/v1/admin/tenants").json();
        boolean found = false;
        for (JsonNode tenant : listed) {
            if (tenant.path("name").asText().equals(tenantName)) {
                found = true;
                assertEquals("ACTIVE", tenant.path("status").asText());
            }
        }
        assertTrue(found, listed.toString());
        assertEquals(400, operator.post("/api/v1/admin/tenants/scimlog-operators/lifecycle/disable", "").status());
    }
}
