package org.scimlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/**
 * Rate limits per credential and per tenant, with Okta's headers on every answer and 429 with Retry-After beyond.
 * The OAuth endpoints, called without a credential, count per client address and client id and per address; failed
 * client secrets and Basic passwords slow down per client address, which behind a trusted proxy is the forwarded one.
 * The window is made so long (1,000 days) that no test run crosses into the next one.
 */
@MicronautTest(transactional = false)
class RateLimitTest extends ScimServerTest {

    @Inject
    MeterRegistry registry;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.security.rate-limit.per-credential", "5",
                "scimlog.security.rate-limit.per-tenant", "8",
                "scimlog.security.rate-limit.oauth-per-client", "8",
                "scimlog.security.rate-limit.oauth-per-address", "12",
                "scimlog.security.rate-limit.window", "24000h",
                // the test is the load balancer: each test's client has an address of its own in X-Forwarded-For
                "scimlog.trusted-proxies", "127.0.0.1");
    }

    private Api credential(String tenant, String name, List<String> scopes) {
        return api.withToken(tenants.createTenantWithToken(tenant, name, scopes).secret());
    }

    private static String newTenant() {
        return "r-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private double rejections(String surface, String reason) {
        var counter = registry.find("scimlog.ratelimit.rejections").tags("surface", surface, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aCredentialsRequestsCarryOktasHeadersAndThoseBeyondItsLimitGet429() {
        Api okta = credential(newTenant(), "okta", List.of(Scopes.SCIM));
        double before = rejections("scim", "credential");
        long reset = -1;
        for (int i = 1; i <= 5; i++) {
            Reply reply = okta.get("/scim/v2/Users");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("5", reply.header("X-Rate-Limit-Limit"));
            assertEquals(String.valueOf(5 - i), reply.header("X-Rate-Limit-Remaining"));
            reset = Long.parseLong(reply.header("X-Rate-Limit-Reset"));
        }
        assertTrue(reset > System.currentTimeMillis() / 1000, "the reset is the end of the window, in epoch seconds");
        Reply refused = okta.get("/scim/v2/Users");
        assertEquals(429, refused.status());
        assertEquals("429", refused.json().path("status").asText(), "a SCIM error body");
        assertEquals("0", refused.header("X-Rate-Limit-Remaining"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= reset - System.currentTimeMillis() / 1000 + 1, "Retry-After " + retryAfter);
        assertEquals(before + 1, rejections("scim", "credential"));
        assertEquals(200, api.get("/scim/v2/Users").status(), "another tenant's credential is not limited by it");
    }

    @Test
    void theLogApiAnswersOktasE0000047() {
        Api siem = credential(newTenant(), "siem", List.of(Scopes.LOGS_READ));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, siem.get("/api/v1/logs").status());
        }
        Reply refused = siem.get("/api/v1/logs");
        assertEquals(429, refused.status());
        assertEquals("E0000047", refused.json().path("errorCode").asText(), refused.body());
        assertNotNull(refused.header("Retry-After"));
        assertNotNull(refused.header("X-Okta-Request-Id"));
    }

    @Test
    void aTenantsCredentialsShareTheTenantsLimit() {
        String tenant = newTenant();
        Api first = credential(tenant, "first", List.of(Scopes.SCIM));
        Api second = credential(tenant, "second", List.of(Scopes.SCIM));
        for (int i = 0; i < 4; i++) {
            assertEquals(200, first.get("/scim/v2/Users").status());
            assertEquals(200, second.get("/scim/v2/Users").status());
        }
        double before = rejections("scim", "tenant");
        Reply refused = second.get("/scim/v2/Users");
        assertEquals(429, refused.status(), "the tenant's 8 are used up though this credential used 4 of its 5");
        assertEquals("8", refused.header("X-Rate-Limit-Limit"));
        assertEquals(before + 1, rejections("scim", "tenant"));
    }

    private static final String CALLBACK = "https://system-admin.okta.com/admin/app/cpc/scimlog_1/oauth/callback";

    private Reply from(String address, String method, String path, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("X-Forwarded-For", address);
        return new Api(api.baseUrl(), null).send(method, path, body, all);
    }

    private static String basic(String id, String secret) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theOAuthEndpointsCountPerClientAndAddressWithOktasHeaders() {
        String address = "198.51.100.21";
        double before = rejections("oauth", "client");
        Map<String, String> guesser = Map.of("Authorization", basic("scimlog-guessed", "x"), "Content-Type", "application/json");
        for (int i = 1; i <= 8; i++) {
            Reply reply = from(address, "POST", "/oauth2/v1/token", "{}", guesser);
            assertEquals(400, reply.status(), reply.body());
            assertEquals("8", reply.header("X-Rate-Limit-Limit"));
            assertEquals(String.valueOf(8 - i), reply.header("X-Rate-Limit-Remaining"));
            assertTrue(Long.parseLong(reply.header("X-Rate-Limit-Reset")) > System.currentTimeMillis() / 1000);
        }
        Reply refused = from(address, "POST", "/oauth2/v1/token", "{}", guesser);
        assertEquals(429, refused.status());
        assertEquals("temporarily_unavailable", refused.json().path("error").asText(), refused.body());
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        assertEquals("0", refused.header("X-Rate-Limit-Remaining"));
        assertEquals(before + 1, rejections("oauth", "client"));
        assertEquals(400, from("198.51.100.22", "POST", "/oauth2/v1/token", "{}", guesser).status(),
                "the same client id from another address has a window of its own (Okta is not locked out by a stranger)");

        // the address's own limit (12) bounds how many client ids it may name
        for (int i = 0; i < 3; i++) {
            Reply other = from(address, "GET", "/oauth2/v1/authorize?response_type=code&client_id=scimlog-other-" + i, null, Map.of());
            assertEquals(400, other.status(), other.body());
        }
        Reply page = from(address, "GET", "/oauth2/v1/authorize?response_type=code&client_id=scimlog-yet-another", null, Map.of());
        assertEquals(429, page.status(), "the address used its 12");
        assertEquals("12", page.header("X-Rate-Limit-Limit"));
        assertNotNull(page.header("Retry-After"));
        assertTrue(page.body().contains("rate limit"), page.body());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
    }

    @Test
    void wrongClientSecretsLockTheClientOutFromThatAddressOnly() {
        String tenant = newTenant();
        tenants.createTenant(tenant);
        TenantAdministration.IssuedCredential client = tenants.issue(tenant, new CredentialRequest("okta", CredentialKind.OAUTH,
                List.of(Scopes.SCIM), null, null, List.of(CALLBACK)), false);
        String clientId = client.credential().clientId();
        String form = "grant_type=authorization_code&code=nothing&redirect_uri=" + java.net.URLEncoder.encode(CALLBACK,
                java.nio.charset.StandardCharsets.UTF_8);
        String guesser = "203.0.113.31";
        for (int i = 0; i < 5; i++) {
            Reply wrong = from(guesser, "POST", "/oauth2/v1/token", form, Map.of("Content-Type", "application/x-www-form-urlencoded",
                    "Authorization", basic(clientId, "scimlog_guess" + i)));
            assertEquals(401, wrong.status(), wrong.body());
            assertEquals("invalid_client", wrong.json().path("error").asText());
        }
        double before = rejections("oauth", "client-lockout");
        Reply locked = from(guesser, "POST", "/oauth2/v1/token", form, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Authorization", basic(clientId, client.secret())));
        assertEquals(429, locked.status(), "the secret is not even checked while slowed down: " + locked.body());
        assertEquals("temporarily_unavailable", locked.json().path("error").asText());
        assertEquals("1", locked.header("Retry-After"));
        assertEquals(before + 1, rejections("oauth", "client-lockout"));
        Reply okta = from("198.51.100.41", "POST", "/oauth2/v1/token", form, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Authorization", basic(clientId, client.secret())));
        assertEquals(400, okta.status(), "Okta, elsewhere, authenticates; only its made-up code is refused: " + okta.body());
        assertEquals("invalid_grant", okta.json().path("error").asText());
        org.scimlog.support.Await.until("the lockout's event", java.time.Duration.ofSeconds(20),
                () -> org.scimlog.support.LogEvents.of(TenantAdministration.OPERATORS, "scimlog.credential.rejected").stream()
                        .anyMatch(e -> "too many failed OAuth client authentications".equals(e.path("outcome").path("reason").asText())));
        String operatorsLog = org.scimlog.support.LogEvents.of(TenantAdministration.OPERATORS, null).toString();
        assertFalse(operatorsLog.contains(client.secret()) || operatorsLog.contains("scimlog_guess"), "no secret recorded");
    }

    @Test
    void wrongPasswordsOnTheConsentPageSlowDownLikeBasicLogins() {
        String tenant = newTenant();
        tenants.createTenant(tenant);
        String clientId = tenants.issue(tenant, new CredentialRequest("okta", CredentialKind.OAUTH, List.of(Scopes.SCIM), null, null,
                List.of(CALLBACK)), false).credential().clientId();
        TenantAdministration.IssuedCredential admin = tenants.issue(tenant,
                new CredentialRequest("it-admin", CredentialKind.BASIC, List.of(Scopes.SCIM), null, null), false);
        String consent = "response_type=code&client_id=" + clientId + "&redirect_uri="
                + java.net.URLEncoder.encode(CALLBACK, java.nio.charset.StandardCharsets.UTF_8) + "&scope=scim&state=s&decision=allow&username="
                + java.net.URLEncoder.encode(admin.credential().username(), java.nio.charset.StandardCharsets.UTF_8) + "&password=";
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, from("203.0.113.61", "POST", "/oauth2/v1/authorize", consent + "guess" + i, form).status());
        }
        Reply slowed = from("203.0.113.61", "POST", "/oauth2/v1/authorize", consent + admin.secret(), form);
        assertEquals(429, slowed.status(), "the password is not checked while slowed down");
        assertEquals("1", slowed.header("Retry-After"));
        assertTrue(slowed.body().contains("too many failed sign-ins"), slowed.body());
        Reply elsewhere = from("198.51.100.62", "POST", "/oauth2/v1/authorize", consent + admin.secret(), form);
        assertEquals(302, elsewhere.status(), "the admin at another address signs in: " + elsewhere.body());
    }

    @Test
    void failedBasicLoginsSlowDownTheForwardedClientNotEveryoneBehindTheLoadBalancer() {
        String tenant = newTenant();
        tenants.createTenant(tenant);
        TenantAdministration.IssuedCredential okta = tenants.issue(tenant,
                new CredentialRequest("okta-basic", CredentialKind.BASIC, List.of(Scopes.SCIM), null, null), false);
        String username = okta.credential().username();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, from("203.0.113.51", "GET", "/scim/v2/Users", null, Map.of("Authorization", basic(username, "guess" + i))).status());
        }
        assertEquals(429, from("203.0.113.51", "GET", "/scim/v2/Users", null, Map.of("Authorization", basic(username, okta.secret()))).status(),
                "the guesser is slowed down");
        Reply fromOkta = from("198.51.100.52", "GET", "/scim/v2/Users", null, Map.of("Authorization", basic(username, okta.secret())));
        assertEquals(200, fromOkta.status(), "Okta, another client behind the same balancer, is not: " + fromOkta.body());
    }
}
