package org.scimlog.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.scimlog.launch.Console;
import org.scimlog.launch.TenantCommand;
import org.scimlog.support.Api;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.TestDatabase;

/**
 * The tenant command issues credentials shown once and stored only as digests; revoked ones stop working. It
 * works directly on the database, through a server's operator API, and against the ops/run stack with no settings.
 */
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

    /** The command directly on the test database. */
    private Run command(String... args) {
        System.setProperty("datasources.default.url", TestDatabase.jdbcUrl());
        System.setProperty("datasources.default.username", "postgres");
        System.setProperty("datasources.default.password", "");
        return commandIn(Map.of(), args);
    }

    /** The command with nothing but {@code environment} to find its way (no database properties). */
    private Run commandIn(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TenantCommand.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), environment);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void clearProperties() {
        System.clearProperty("datasources.default.url");
        System.clearProperty("datasources.default.username");
        System.clearProperty("datasources.default.password");
    }

    private String operatorToken() {
        return tenants.issue(TenantAdministration.OPERATORS,
                CredentialRequest.bearer("cli-" + UUID.randomUUID(), List.of(Scopes.ADMIN)), false).secret();
    }

    @AfterAll
    void cleanUp() {
        clearProperties();
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
        assertTrue(unknownTenant.err().contains("no tenant named 'no-such-tenant-x'"), unknownTenant.err());
        Run taken = command("create", "scimlog-operators");
        assertEquals(2, taken.exit());
        assertTrue(taken.err().contains("reserved"), taken.err());
        Run adminForCustomer = command("issue", "acme-x", "--name", "n", "--scopes", "admin");
        assertEquals(2, adminForCustomer.exit());
    }

    @Test
    void anUnreachableDatabaseIsASentenceNotAStackTrace() {
        System.setProperty("datasources.default.url", "jdbc:postgresql://127.0.0.1:9/scimlog");
        System.setProperty("datasources.default.username", "scimlog");
        try {
            Run run = commandIn(Map.of(), "create", "acme");
            assertEquals(2, run.exit());
            assertTrue(run.err().startsWith("error: cannot reach the database at jdbc:postgresql://127.0.0.1:9/scimlog"), run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace");
            assertEquals("", run.out());
        } finally {
            clearProperties();
        }
    }

    @Test
    void theCommandWorksThroughTheServersApiWithAnAdminCredential() {
        clearProperties();
        String tenant = "api-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> environment = Map.of("SCIMLOG_SERVER_URL", api.baseUrl(), "SCIMLOG_ADMIN_TOKEN", operatorToken());
        Run created = commandIn(environment, "create", tenant, "--token-name", "okta");
        assertEquals(0, created.exit(), created.err());
        assertEquals(api.baseUrl() + "/scim/v2", created.value("SCIM_BASE_URL"), "the server's own address, not a default port");
        assertEquals(200, api.withToken(created.value("SCIM_TOKEN")).get("/scim/v2/Users").status());

        Run duplicate = commandIn(environment, "issue", tenant, "--name", "okta");
        assertEquals(2, duplicate.exit());
        assertTrue(duplicate.err().contains("rotate"), duplicate.err());
        Run basic = commandIn(environment, "issue", tenant, "--name", "okta-basic", "--type", "basic");
        assertEquals(0, basic.exit(), basic.err());
        assertEquals("okta-basic@" + tenant, basic.value("BASIC_USERNAME"));
        Run oauth = commandIn(environment, "issue", tenant, "--name", "okta-oauth", "--type", "oauth",
                "--redirect-uri", "https://system-admin.okta.com/admin/app/cpc/x/oauth/callback");
        assertEquals(0, oauth.exit(), oauth.err());
        assertEquals(api.baseUrl() + "/oauth2/v1/authorize", oauth.value("OAUTH_AUTHORIZE_URL"));
        assertEquals(api.baseUrl() + "/oauth2/v1/token", oauth.value("OAUTH_TOKEN_URL"));
        assertTrue(oauth.value("OAUTH_CLIENT_ID").startsWith("scimlog-"), oauth.out());
        assertTrue(oauth.value("OAUTH_CLIENT_SECRET").startsWith("scimlog_"), oauth.out());
        Run noRedirect = commandIn(environment, "issue", tenant, "--name", "okta-oauth2", "--type", "oauth");
        assertEquals(2, noRedirect.exit());
        assertTrue(noRedirect.err().contains("redirectUris"), noRedirect.err());
        Run listed = commandIn(environment, "credentials", tenant);
        assertEquals(0, listed.exit(), listed.err());
        assertTrue(listed.out().contains("\"okta-basic\"") && listed.out().contains("\"okta\""), listed.out());
        assertFalse(listed.out().contains(created.value("SCIM_TOKEN")) || listed.out().contains(basic.value("BASIC_PASSWORD")));
        assertTrue(listed.out().contains(oauth.value("OAUTH_CLIENT_ID")), "the client id is listed");
        assertFalse(listed.out().contains(oauth.value("OAUTH_CLIENT_SECRET")), "its secret never");
        Run disabled = commandIn(environment, "disable", tenant);
        assertTrue(disabled.out().contains("DISABLED"), disabled.out());
        assertEquals(401, api.withToken(created.value("SCIM_TOKEN")).get("/scim/v2/Users").status());
        commandIn(environment, "enable", tenant);
        assertEquals("1", commandIn(environment, "revoke", tenant, "--name", "okta").value("REVOKED"));
        assertEquals(401, api.withToken(created.value("SCIM_TOKEN")).get("/scim/v2/Users").status());

        Run refused = commandIn(Map.of("SCIMLOG_SERVER_URL", api.baseUrl(), "SCIMLOG_ADMIN_TOKEN", created.value("SCIM_TOKEN")), "list");
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("admin"), refused.err());
    }

    @Test
    void withNoSettingsTheCommandFindsTheOpsRunStackInItsDataDirectory() throws Exception {
        clearProperties();
        Path data = Files.createTempDirectory("dev-stack");
        Files.writeString(data.resolve("dev-stack.properties"), "server=" + api.baseUrl() + "\ndemo-token=x\noperator-token="
                + operatorToken() + "\n");
        String tenant = "dev-" + UUID.randomUUID().toString().substring(0, 8);
        Run created = commandIn(Map.of("SCIMLOG_DATA_DIR", data.toString()), "create", tenant);
        assertEquals(0, created.exit(), created.err());
        assertEquals(api.baseUrl() + "/scim/v2", created.value("SCIM_BASE_URL"));
        assertEquals(200, api.withToken(created.value("SCIM_TOKEN")).get("/scim/v2/Users").status());

        Files.writeString(data.resolve("dev-stack.properties"), "server=http://127.0.0.1:9\ndemo-token=x\noperator-token=y\n");
        Run stopped = commandIn(Map.of("SCIMLOG_DATA_DIR", data.toString()), "list");
        assertEquals(2, stopped.exit());
        assertTrue(stopped.err().contains("no scimlog server answers at http://127.0.0.1:9"), stopped.err());
        assertFalse(stopped.err().contains("\tat "));
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
