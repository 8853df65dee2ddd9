package org.scimlog.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimlog.support.Api;
import org.scimlog.support.Api.Reply;
import org.scimlog.support.ScimServerTest;

/** Every answer, refusals included, carries the usual security headers; the APIs' answers are not cached. */
@MicronautTest(transactional = false)
class SecurityHeadersTest extends ScimServerTest {

    @Test
    void everyAnswerCarriesThem() {
        Api anonymous = new Api(api.baseUrl(), null);
        for (Reply reply : List.of(api.get("/scim/v2/Users"), anonymous.get("/scim/v2/Users"),
                anonymous.get("/scim/v2/ServiceProviderConfig"), api.get("/api/v1/logs"), anonymous.get("/api/v1/admin/tenants"),
                api.get("/scim/v2/NoSuchEndpoint"), anonymous.get("/health"), anonymous.get("/oauth2/v1/keys"),
                anonymous.get("/.well-known/oauth-authorization-server"), anonymous.get("/oauth2/v1/authorize?client_id=nobody"),
                anonymous.send("POST", "/oauth2/v1/token", "grant_type=refresh_token", Map.of("Content-Type", "application/x-www-form-urlencoded")),
                anonymous.send("POST", "/oauth2/v1/revoke", "token=x", Map.of("Content-Type", "application/x-www-form-urlencoded")),
                anonymous.send("DELETE", "/oauth2/v1/token", null, Map.of()))) {
            assertEquals("nosniff", reply.header("X-Content-Type-Options"), reply.toString());
            assertEquals("DENY", reply.header("X-Frame-Options"));
            assertEquals("no-referrer", reply.header("Referrer-Policy"));
            assertNull(reply.header("Strict-Transport-Security"), "not over plain HTTP");
        }
        Reply users = api.get("/scim/v2/Users");
        assertEquals("no-store", users.header("Cache-Control"));
        assertEquals("default-src 'none'; frame-ancestors 'none'", users.header("Content-Security-Policy"));
        assertEquals("no-store", api.get("/api/v1/logs").header("Cache-Control"));
    }
}
