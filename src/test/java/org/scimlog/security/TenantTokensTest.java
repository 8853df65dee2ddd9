package org.scimlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.scimlog.launch.Console;
import org.scimlog.launch.TenantCommand;
import org.scimlog.support.Api;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.TestDatabase;

/** The tenant command issues tokens shown once and stored only as digests; revoked tokens stop working. */
@MicronautTest(transactional = false)
class TenantTokensTest extends ScimServerTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.security.token-cache-seconds", "0");
    }

    private record Run(int exit, String out, String err) {
        String value(String key) {
            return out.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + key + " in " + out));
        }
    }

    private Run command(String... args) {
        System.setProperty("datasources.default.url", TestDatabase.jdbcUrl());
        System.setProperty("datasources.default.username", "postgres");
        System.setProperty("datasources.default.password", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TenantCommand.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @AfterAll
    void clearProperties() {
        System.clearProperty("datasources.default.url");
        System.clearProperty("datasources.default.username");
        System.clearProperty("datasources.default.password");
    }

    @Test
    void createPrintsBaseUrlAndATokenThatWorksAndIsStoredHashed() throws Exception {
        String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        Run run = command("create", tenant, "--token-name", "okta");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.value("SCIM_BASE_URL").endsWith("/scim/v2"));
        String token = run.value("SCIM_TOKEN");
        assertTrue(token.startsWith("scimlog_"));

        Api client = api.withToken(token);
        assertEquals(200, client.get("/scim/v2/Users").status());

        try (var c = DriverManager.getConnection(TestDatabase.jdbcUrl());
             var rs = c.createStatement().executeQuery("SELECT string_agg(encode(token_hash, 'escape'), '') || string_agg(name, '') FROM api_token")) {
            rs.next();
            assertFalse(rs.getString(1).contains(token), "no token is stored in clear");
            assertFalse(rs.getString(1).contains(token.substring(8, 30)));
        }

        Run revoked = command("revoke", tenant, "--token-name", "okta");
        assertEquals("1", revoked.value("REVOKED"));
        assertEquals(401, client.get("/scim/v2/Users").status(), "revoked tokens stop working");
    }

    @Test
    void badInvocationsExplainThemselves() {
        Run noName = command("create");
        assertEquals(2, noName.exit());
        assertTrue(noName.err().contains("usage"));
        Run badName = command("create", "Not A Name!");
        assertEquals(2, badName.exit());
        assertTrue(badName.err().contains("tenant name"), badName.err());
        Run badScope = command("create", "scopes-" + UUID.randomUUID().toString().substring(0, 6), "--scopes", "root");
        assertEquals(2, badScope.exit());
        assertTrue(badScope.err().contains("unknown scope"), badScope.err());
        Run unknownTenant = command("revoke", "no-such-tenant-x", "--token-name", "x");
        assertEquals(2, unknownTenant.exit());
    }

    @Test
    void aTokenOfOneTenantNeverReachesAnother() {
        Run first = command("create", "iso-a-" + UUID.randomUUID().toString().substring(0, 6));
        Run second = command("create", "iso-b-" + UUID.randomUUID().toString().substring(0, 6));
        Api a = api.withToken(first.value("SCIM_TOKEN"));
        Api b = api.withToken(second.value("SCIM_TOKEN"));
        String id = a.post("/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"iso@example.com\"}")
                .json().path("id").asText();
        assertEquals(404, b.get("/scim/v2/Users/" + id).status());
        assertEquals(201, b.post("/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"iso@example.com\"}").status(),
                "userName is unique per tenant, not globally");
    }
}
