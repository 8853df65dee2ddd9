package org.scimlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.Await;
import org.scimlog.support.LogEvents;
import org.scimlog.support.ScimServerTest;

/**
 * Support engineers call the log API with access tokens of the company's own OIDC provider: a real one
 * (mock-oauth2-server, signing with its own keys and serving its JWKS over HTTP) started by the test. The
 * configured roles claim maps each person to tenants and scopes; everything else is refused with its event.
 */
@MicronautTest(transactional = false)
class SingleSignOnTest extends ScimServerTest {

    private static final String AUDIENCE = "scimlog-support";

    private MockOAuth2Server provider;
    private String acme;
    private String globex;

    @Override
    protected Map<String, String> extraProperties() {
        provider = new MockOAuth2Server();
        provider.start();
        Map<String, String> properties = new HashMap<>();
        properties.put("scimlog.sso.issuer", provider.issuerUrl("company").toString());
        properties.put("scimlog.sso.jwks-url", provider.jwksUrl("company").toString());
        properties.put("scimlog.sso.audience", AUDIENCE);
        properties.put("scimlog.security.token-cache-seconds", "0");
        return properties;
    }

    @BeforeAll
    void tenantsWithLogs() {
        acme = "sso-a-" + UUID.randomUUID().toString().substring(0, 8);
        globex = "sso-g-" + UUID.randomUUID().toString().substring(0, 8);
        tenants.createTenant(acme);
        tenants.createTenant(globex);
    }

    @AfterAll
    void stopProvider() {
        provider.shutdown();
    }

    private String tokenOf(String issuerId, String person, String audience, Object roles, long expirySeconds) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", person);
        if (roles != null) {
            claims.put("scimlog_roles", roles);
        }
        return provider.issueToken(issuerId, person, audience, claims, expirySeconds).serialize();
    }

    private Reply logs(String token, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(extra);
        headers.put("Authorization", "Bearer " + token);
        return new Api(api.baseUrl(), null).get("/api/v1/logs?limit=1", headers);
    }

    @Test
    void aSupportEngineerReadsTheLogOfTheTenantTheirRoleNames() {
        String ada = tokenOf("company", "ada@company.example", AUDIENCE, List.of(acme + ":logs.read"), 300);
        assertEquals(200, logs(ada, Map.of()).status());
        Reply scim = new Api(api.baseUrl(), null).get("/scim/v2/Users", Map.of("Authorization", "Bearer " + ada));
        assertEquals(403, scim.status(), "logs.read does not provision");
        Await.until("the refusal names the person", Duration.ofSeconds(20), () -> LogEvents.of(acme, "scimlog.credential.rejected")
                .stream().anyMatch(e -> "ada@company.example".equals(e.path("actor").path("alternateId").asText())
                        && "User".equals(e.path("actor").path("type").asText())));
    }

    @Test
    void rolesInSeveralTenantsNeedTheTenantNamedPerRequest() {
        String bob = tokenOf("company", "bob@company.example", AUDIENCE, acme + ":logs.read " + globex + ":logs.read", 300);
        assertEquals(401, logs(bob, Map.of()).status(), "which tenant is ambiguous");
        assertEquals(200, logs(bob, Map.of("X-Scimlog-Tenant", globex)).status());
        assertEquals(401, logs(bob, Map.of("X-Scimlog-Tenant", "other-tenant")).status());
    }

    @Test
    void tokensTheMappingDoesNotAllowAreRefusedWithTheirReason() {
        assertEquals(401, logs(tokenOf("company", "eve", AUDIENCE, null, 300), Map.of()).status());
        assertEquals(401, logs(tokenOf("company", "eve", AUDIENCE, List.of("no-such-tenant:logs.read"), 300), Map.of()).status());
        assertEquals(401, logs(tokenOf("company", "eve", "another-app", List.of(acme + ":logs.read"), 300), Map.of()).status());
        assertEquals(401, logs(tokenOf("company", "eve", AUDIENCE, List.of(acme + ":logs.read"), -120), Map.of()).status(),
                "expired");
        // signed by another issuer of the provider: its own keys, its own iss
        assertEquals(401, logs(tokenOf("elsewhere", "eve", AUDIENCE, List.of(acme + ":logs.read"), 300), Map.of()).status());
        // admin only for the operators' tenant, whatever the claim says
        String mallory = tokenOf("company", "mallory", AUDIENCE, List.of(acme + ":admin"), 300);
        assertEquals(401, new Api(api.baseUrl(), null).get("/api/v1/admin/tenants", Map.of("Authorization", "Bearer " + mallory)).status());
        Await.until("the refusals are events", Duration.ofSeconds(20), () -> {
            String log = LogEvents.of("scimlog-operators", "scimlog.credential.rejected").toString();
            return log.contains("SSO token without a scimlog role in scimlog_roles")
                    && log.contains("SSO role names an unknown tenant")
                    && log.contains("SSO token for another audience")
                    && log.contains("SSO token expired");
        });
        Await.until("refused in the tenant it names", Duration.ofSeconds(20), () -> LogEvents.of(acme, "scimlog.credential.rejected")
                .toString().contains("SSO token holds no known scope in this tenant"));
    }

    @Test
    void withoutAConsoleClientNoSignInRouteAnswers() {
        Api anonymous = new Api(api.baseUrl(), null);
        for (String path : List.of("/sso/session", "/sso/login/oidc", "/sso/callback/oidc?code=x&state=y",
                "/oauth/login/oidc", "/login", "/logout", "/.well-known/oauth-protected-resource")) {
            Reply reply = anonymous.get(path);
            assertEquals(404, reply.status(), path + ": " + reply);
        }
        assertEquals(404, anonymous.send("POST", "/sso/logout", "", Map.of()).status());
    }

    @Test
    void aDisabledTenantRefusesItsPeopleToo() {
        String name = "sso-d-" + UUID.randomUUID().toString().substring(0, 8);
        tenants.createTenant(name);
        String carol = tokenOf("company", "carol", AUDIENCE, List.of(name + ":logs.read"), 300);
        assertEquals(200, logs(carol, Map.of()).status());
        tenants.setDisabled(name, true);
        assertEquals(401, logs(carol, Map.of()).status());
        Await.until("refused as a disabled tenant", Duration.ofSeconds(20), () -> LogEvents.of(name, "scimlog.credential.rejected")
                .stream().anyMatch(e -> "tenant disabled".equals(e.path("outcome").path("reason").asText())
                        && "carol".equals(e.path("actor").path("alternateId").asText())));
    }
}
