package org.scimlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                "scimlog.security.rate-limit.window", "24000h");
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
}
