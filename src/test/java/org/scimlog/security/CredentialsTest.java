package org.scimlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.TestDatabase;
import org.scimlog.support.TestJwks;

/**
 * Okta's three ways in, each a credential of a tenant issued through the operator API: a bearer token, Basic
 * username/password, and JWT access tokens of an authorization server the tenant trusts (keys served by the test).
 * Names are unique per tenant unless rotated, credentials expire, a disabled tenant's credentials all fail.
 */
@MicronautTest(transactional = false)
class CredentialsTest extends ScimServerTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    private Api operator;
    private String tenant;
    private TestJwks jwks;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.security.token-cache-seconds", "0");
    }

    @BeforeAll
    void operatorAndTenant() {
        operator = api.withToken(tenants.issue(TenantAdministration.OPERATORS,
                CredentialRequest.bearer("ops-" + UUID.randomUUID(), List.of(Scopes.ADMIN)), false).secret());
        tenant = "c-" + UUID.randomUUID().toString().substring(0, 12);
        assertEquals(201, operator.post("/api/v1/admin/tenants", Map.of("name", tenant)).status());
        jwks = new TestJwks();
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    private Reply issue(Map<String, Object> body) {
        return operator.post("/api/v1/admin/tenants/" + tenant + "/credentials", body);
    }

    private static Map<String, String> basic(String username, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private Reply users(Map<String, String> authorization) {
        return new Api(api.baseUrl(), null).get("/scim/v2/Users", authorization);
    }

    private JsonNode listed(String name) {
        for (JsonNode credential : operator.get("/api/v1/admin/tenants/" + tenant + "/credentials").json()) {
            if (credential.path("name").asText().equals(name)) {
                return credential;
            }
        }
        return null;
    }

    @Test
    void aBearerTokenWorksIsListedWithoutItsSecretAndRecordsItsLastUse() {
        Reply issued = issue(Map.of("name", "okta-header", "scopes", List.of("scim")));
        assertEquals(201, issued.status(), issued.body());
        String token = issued.json().path("token").asText();
        assertTrue(token.startsWith("scimlog_"));
        assertTrue(issued.json().path("scimBaseUrl").asText().startsWith(api.baseUrl()), issued.body());
        assertTrue(issued.json().path("lastUsed").isNull());

        assertEquals(200, api.withToken(token).get("/scim/v2/Users").status());
        assertEquals(200, users(Map.of("Authorization", token)).status(), "Okta's OIN Header mode: the token without Bearer");
        assertEquals(401, users(Map.of("Authorization", token + "x")).status());
        Await.until("the token's last use recorded", Duration.ofSeconds(30),
                () -> !listed("okta-header").path("lastUsed").isNull());
        JsonNode listedCredential = listed("okta-header");
        assertEquals("bearer", listedCredential.path("type").asText());
        assertEquals(List.of("scim"), List.of(listedCredential.path("scopes").get(0).asText()));
        assertFalse(operator.get("/api/v1/admin/tenants/" + tenant + "/credentials").body().contains(token),
                "a list never shows a secret");
        assertFalse(listedCredential.has("token"));
    }

    @Test
    void aTakenNameIsRefusedUnlessRotatingWhichRetiresTheOldSecret() {
        String old = issue(Map.of("name", "rotating")).json().path("token").asText();
        Reply again = issue(Map.of("name", "rotating"));
        assertEquals(409, again.status(), again.body());
        assertEquals("E0000001", again.json().path("errorCode").asText());
        assertTrue(again.json().path("errorSummary").asText().contains("rotate"), again.body());
        assertEquals(200, api.withToken(old).get("/scim/v2/Users").status(), "a refused issue changes nothing");

        Reply rotated = operator.post("/api/v1/admin/tenants/" + tenant + "/credentials?rotate=true", Map.of("name", "rotating"));
        assertEquals(201, rotated.status(), rotated.body());
        assertEquals(401, api.withToken(old).get("/scim/v2/Users").status());
        assertEquals(200, api.withToken(rotated.json().path("token").asText()).get("/scim/v2/Users").status());
    }

    @Test
    void anExpiredCredentialGets401AndClearingTheExpiryRevivesIt() {
        String token = issue(Map.of("name", "expiring", "expiresAt", Instant.now().plusSeconds(3600).toString()))
                .json().path("token").asText();
        assertEquals(200, api.withToken(token).get("/scim/v2/Users").status());
        Reply past = operator.patch("/api/v1/admin/tenants/" + tenant + "/credentials/expiring",
                Map.of("expiresAt", "2020-01-01T00:00:00Z"));
        assertEquals(200, past.status(), past.body());
        assertEquals("2020-01-01T00:00:00.000Z", past.json().path("expiresAt").asText());
        Reply refused = api.withToken(token).get("/scim/v2/Users");
        assertEquals(401, refused.status());
        assertEquals("401", refused.json().path("status").asText(), "a SCIM error body");
        Map<String, Object> never = new HashMap<>();
        never.put("expiresAt", null);
        assertTrue(operator.patch("/api/v1/admin/tenants/" + tenant + "/credentials/expiring", never).json().path("expiresAt").isNull());
        assertEquals(200, api.withToken(token).get("/scim/v2/Users").status());
    }

    @Test
    void basicCredentialsAreStoredAsSlowSaltedHashesAndCheckedEveryTime() throws Exception {
        Reply issued = issue(Map.of("name", "okta-basic", "type", "basic"));
        assertEquals(201, issued.status(), issued.body());
        String username = issued.json().path("username").asText();
        String password = issued.json().path("password").asText();
        assertEquals("okta-basic@" + tenant, username);
        assertEquals(200, users(basic(username, password)).status());
        Reply wrong = users(basic(username, password + "x"));
        assertEquals(401, wrong.status());
        assertNotNull(wrong.header("WWW-Authenticate"));
        assertEquals(401, users(basic("nobody@" + tenant, password)).status());
        assertEquals(401, users(Map.of("Authorization", "Basic not-base64!")).status());
        try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl());
             var ps = c.prepareStatement("SELECT password_hash FROM api_token WHERE username = ? AND revoked_at IS NULL")) {
            ps.setString(1, username);
            var rs = ps.executeQuery();
            rs.next();
            String hash = rs.getString(1);
            assertTrue(hash.startsWith("$2a$10$"), "BCrypt, cost 10");
            assertFalse(hash.contains(password));
        }
        // a user created with Basic lands in the tenant Basic names
        String id = new Api(api.baseUrl(), null).send("POST", "/scim/v2/Users",
                Map.of("schemas", List.of(USER), "userName", "basic@example.com"), basic(username, password)).json().path("id").asText();
        assertEquals(404, api.get("/scim/v2/Users/" + id).status(), "another tenant's bearer token does not see it");
    }

    @Test
    void repeatedWrongPasswordsAreAnswered429WithRetryAfterEvenWithTheRightOne() {
        JsonNode credential = issue(Map.of("name", "guessed", "type", "basic")).json();
        String username = credential.path("username").asText();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, users(basic(username, "guess-" + i)).status());
        }
        Reply slowed = users(basic(username, credential.path("password").asText()));
        assertEquals(429, slowed.status(), "the password is not even checked while slowed down");
        assertEquals("1", slowed.header("Retry-After"));
        assertEquals("429", slowed.json().path("status").asText(), slowed.body());
        assertEquals(null, slowed.header("WWW-Authenticate"));
        assertEquals(401, users(basic(issue(Map.of("name", "unguessed", "type", "basic")).json().path("username").asText(),
                "x")).status(), "another username is not slowed: its wrong password is checked");
    }

    @Test
    void aDisabledTenantsCredentialsAllGet401UntilEnabled() {
        String token = issue(Map.of("name", "to-disable")).json().path("token").asText();
        JsonNode basicCredential = issue(Map.of("name", "to-disable-basic", "type", "basic")).json();
        Map<String, String> basic = basic(basicCredential.path("username").asText(), basicCredential.path("password").asText());
        Reply disabled = operator.post("/api/v1/admin/tenants/" + tenant + "/lifecycle/disable", "");
        assertEquals(200, disabled.status(), disabled.body());
        assertEquals("DISABLED", disabled.json().path("status").asText());
        try {
            assertEquals(401, api.withToken(token).get("/scim/v2/Users").status());
            assertEquals(401, users(basic).status());
        } finally {
            assertEquals("ACTIVE", operator.post("/api/v1/admin/tenants/" + tenant + "/lifecycle/enable", "").json().path("status").asText());
        }
        assertEquals(200, api.withToken(token).get("/scim/v2/Users").status());
        assertEquals(200, users(basic).status());
    }

    private String jwtCredential(String name, String issuer, String audience, List<String> scopes) {
        Reply issued = issue(Map.of("name", name, "type", "jwt", "scopes", scopes, "issuer", issuer,
                "audience", audience, "jwksUrl", jwks.url()));
        assertEquals(201, issued.status(), issued.body());
        assertFalse(issued.json().has("token"));
        return issuer;
    }

    private static JWTClaimsSet.Builder claims(String issuer, String audience) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("okta-provisioning")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("scp", List.of("scim"));
    }

    @Test
    void jwtAccessTokensAreCheckedAgainstTheTenantsIssuerAudienceAndKeys() {
        String issuer = jwtCredential("okta-oauth", "https://issuer-" + UUID.randomUUID() + ".example.com", "scimlog-" + tenant,
                List.of("scim", "logs.read"));
        String audience = "scimlog-" + tenant;
        RSAKey key = jwks.publish("k1-" + UUID.randomUUID());
        Api client = new Api(api.baseUrl(), null);

        assertEquals(200, client.withToken(TestJwks.sign(key, claims(issuer, audience).build())).get("/scim/v2/Users").status());
        // the token's scp narrows what the credential allows: no logs.read in it, no log
        assertEquals(403, client.withToken(TestJwks.sign(key, claims(issuer, audience).build())).get("/api/v1/logs").status());
        assertEquals(200, client.withToken(TestJwks.sign(key, claims(issuer, audience).claim("scp", null)
                .claim("scope", "scim logs.read").build())).get("/api/v1/logs").status(), "scope as a space-separated string");

        Map<String, JWTClaimsSet> refused = Map.of(
                "expired", claims(issuer, audience).expirationTime(Date.from(Instant.now().minusSeconds(60))).build(),
                "not yet valid", claims(issuer, audience).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build(),
                "without exp", claims(issuer, audience).expirationTime(null).build(),
                "another audience", claims(issuer, "someone-else").build(),
                "another issuer", claims(issuer + ".evil", audience).build());
        refused.forEach((why, claimSet) -> assertEquals(401,
                client.withToken(TestJwks.sign(key, claimSet)).get("/scim/v2/Users").status(), why));
        RSAKey impostor = TestJwks.newKey(key.getKeyID());
        assertEquals(401, client.withToken(TestJwks.sign(impostor, claims(issuer, audience).build())).get("/scim/v2/Users").status(),
                "a key of the same kid that the issuer did not publish");
        assertEquals(401, client.withToken(new PlainJWT(claims(issuer, audience).build()).serialize()).get("/scim/v2/Users").status(),
                "alg none");
        assertEquals(401, client.withToken("eyJhbGciOiJSUzI1NiJ9.e30.c2ln").get("/scim/v2/Users").status(), "garbage");
    }

    @Test
    void aNewKeyTheIssuerPublishesIsFetchedWhenATokenNamesIt() {
        String audience = "rotation-" + tenant;
        String issuer = jwtCredential("okta-rotation", "https://issuer-" + UUID.randomUUID() + ".example.com", audience, List.of("scim"));
        RSAKey first = jwks.publish("first-" + UUID.randomUUID());
        Api client = new Api(api.baseUrl(), null);
        assertEquals(200, client.withToken(TestJwks.sign(first, claims(issuer, audience).build())).get("/scim/v2/Users").status());
        int fetches = jwks.fetches();
        assertEquals(200, client.withToken(TestJwks.sign(first, claims(issuer, audience).build())).get("/scim/v2/Users").status());
        assertEquals(fetches, jwks.fetches(), "known keys are cached");
        RSAKey second = jwks.publish("second-" + UUID.randomUUID());
        assertEquals(200, client.withToken(TestJwks.sign(second, claims(issuer, audience).build())).get("/scim/v2/Users").status(),
                "an unknown kid fetches the JWKS again");
    }

    private List<JsonNode> rejections(Api reader, String reason) {
        JsonNode events = reader.get("/api/v1/logs?filter=" + Api.q("eventType eq \"scimlog.credential.rejected\""
                + " and outcome.reason eq \"" + reason + "\"")).json();
        List<JsonNode> found = new java.util.ArrayList<>();
        events.forEach(found::add);
        return found;
    }

    @Test
    void everyRefusedCredentialIsAFailureEventWithItsReasonAndNeverItsSecret() {
        Api tenantLog = api.withToken(issue(Map.of("name", "support", "scopes", List.of("logs.read"))).json().path("token").asText());
        Api operatorsLog = api.withToken(tenants.issue(TenantAdministration.OPERATORS,
                CredentialRequest.bearer("audit-" + UUID.randomUUID(), List.of(Scopes.LOGS_READ)), false).secret());
        JsonNode basicCredential = issue(Map.of("name", "audited-basic", "type", "basic")).json();
        String wrongPassword = "Wrong-" + UUID.randomUUID();
        assertEquals(401, users(basic(basicCredential.path("username").asText(), wrongPassword)).status());
        String unknownToken = "scimlog_" + "A".repeat(21) + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        assertEquals(401, api.withToken(unknownToken).get("/scim/v2/Users").status());
        String provisioning = issue(Map.of("name", "audited-scim")).json().path("token").asText();
        assertEquals(403, api.withToken(provisioning).get("/api/v1/logs").status());
        String revoked = issue(Map.of("name", "audited-revoked")).json().path("token").asText();
        operator.delete("/api/v1/admin/tenants/" + tenant + "/credentials/audited-revoked");
        assertEquals(401, api.withToken(revoked).get("/scim/v2/Users").status());

        // (other tests of this class refuse credentials of this tenant too)
        Await.until("the tenant's rejections", Duration.ofSeconds(30), () -> rejections(tenantLog, "wrong password").stream()
                .anyMatch(e -> e.path("actor").path("alternateId").asText().equals("audited-basic"))
                && rejections(tenantLog, "credential revoked").stream()
                .anyMatch(e -> e.path("actor").path("alternateId").asText().equals("audited-revoked"))
                && rejections(tenantLog, "missing scope for GET /api/v1/logs").stream()
                .anyMatch(e -> e.path("actor").path("alternateId").asText().equals("audited-scim")));
        JsonNode wrong = rejections(tenantLog, "wrong password").stream()
                .filter(e -> e.path("actor").path("alternateId").asText().equals("audited-basic")).findFirst().orElseThrow();
        assertEquals("FAILURE", wrong.path("outcome").path("result").asText());
        assertEquals("audited-basic", wrong.path("actor").path("alternateId").asText());
        assertEquals("PASSWORD", wrong.path("authenticationContext").path("credentialType").asText(), wrong.toString());
        assertEquals("401", wrong.path("debugContext").path("debugData").path("httpStatus").asText());
        Await.until("the operators' rejection", Duration.ofSeconds(30),
                () -> !rejections(operatorsLog, "unknown API token").isEmpty());
        String everything = tenantLog.get("/api/v1/logs?limit=1000").body() + operatorsLog.get("/api/v1/logs?limit=1000&sortOrder=DESCENDING").body();
        assertFalse(everything.contains(wrongPassword), "no password in any event");
        assertFalse(everything.contains(unknownToken) || everything.contains(revoked), "no token in any event");
    }

    @Test
    void jwtExpiryAndDisabledTenantRefusalsAreAnsweredAlikeAndRecordedWithTheirReasons() {
        String audience = "events-" + tenant;
        String issuer = jwtCredential("okta-events", "https://issuer-" + UUID.randomUUID() + ".example.com", audience, List.of("scim"));
        RSAKey key = jwks.publish("ev-" + UUID.randomUUID());
        Api client = new Api(api.baseUrl(), null);
        String expiring = issue(Map.of("name", "events-expiring", "expiresAt", "2020-01-01T00:00:00Z")).json().path("token").asText();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put(TestJwks.sign(key, claims(issuer, audience).expirationTime(Date.from(Instant.now().minusSeconds(600))).build()),
                "JWT expired");
        refused.put(TestJwks.sign(key, claims(issuer, audience).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()),
                "JWT not yet valid (nbf)");
        refused.put(TestJwks.sign(TestJwks.newKey(key.getKeyID()), claims(issuer, audience).build()),
                "JWT signature not verified by the issuer's keys");
        refused.put(expiring, "credential expired");
        for (Map.Entry<String, String> attempt : refused.entrySet()) {
            for (String path : List.of("/scim/v2/Users", "/api/v1/logs")) {
                Reply reply = client.withToken(attempt.getKey()).get(path);
                assertEquals(401, reply.status(), attempt.getValue() + " " + path);
                assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer"), reply.toString());
                if (path.startsWith("/scim")) {
                    assertEquals("401", reply.json().path("status").asText(), "a SCIM error body: " + reply);
                } else {
                    assertEquals("E0000011", reply.json().path("errorCode").asText(), "an Okta error body: " + reply);
                }
                assertFalse(reply.body().contains(attempt.getValue()), "the client is not told which check failed");
            }
        }
        // a disabled tenant: the same answer for every kind of its credentials
        String other = "cd-" + UUID.randomUUID().toString().substring(0, 12);
        assertEquals(201, operator.post("/api/v1/admin/tenants", Map.of("name", other)).status());
        String token = operator.post("/api/v1/admin/tenants/" + other + "/credentials", Map.of("name", "okta")).json().path("token").asText();
        assertEquals(200, operator.post("/api/v1/admin/tenants/" + other + "/lifecycle/disable", "").status());
        Reply disabled = client.withToken(token).get("/scim/v2/Users");
        assertEquals(401, disabled.status());
        assertEquals("401", disabled.json().path("status").asText());
        assertFalse(disabled.body().contains("disabled"), disabled.toString());

        Await.until("the refusals' events", Duration.ofSeconds(30), () -> {
            List<String> reasons = org.scimlog.support.LogEvents.of(tenant, "scimlog.credential.rejected").stream()
                    .map(e -> e.path("outcome").path("reason").asText()).toList();
            return reasons.containsAll(refused.values()) && org.scimlog.support.LogEvents.of(other, "scimlog.credential.rejected")
                    .stream().anyMatch(e -> "tenant disabled".equals(e.path("outcome").path("reason").asText()));
        });
        JsonNode expired = org.scimlog.support.LogEvents.of(tenant, "scimlog.credential.rejected").stream()
                .filter(e -> "JWT expired".equals(e.path("outcome").path("reason").asText())).findFirst().orElseThrow();
        assertEquals("okta-events", expired.path("actor").path("alternateId").asText(), "the credential that trusts the issuer");
        assertEquals("FAILURE", expired.path("outcome").path("result").asText());
        assertEquals("401", expired.path("debugContext").path("debugData").path("httpStatus").asText());
    }

    @Test
    void anIssuerAndAudienceBelongToOneTenantOnly() {
        String issuer = "https://shared-" + UUID.randomUUID() + ".example.com";
        jwtCredential("first", issuer, "shared-audience-" + tenant, List.of("scim"));
        String other = "c2-" + UUID.randomUUID().toString().substring(0, 12);
        operator.post("/api/v1/admin/tenants", Map.of("name", other));
        Reply taken = operator.post("/api/v1/admin/tenants/" + other + "/credentials", Map.of("name", "copy", "type", "jwt",
                "issuer", issuer, "audience", "shared-audience-" + tenant, "jwksUrl", jwks.url()));
        assertEquals(409, taken.status(), taken.body());
    }
}
