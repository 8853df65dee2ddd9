package org.scimlog.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scimlog.audit.KeywordIndexUpkeep;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.fault.ServerProcess;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;
import org.scimlog.support.Api;
import org.scimlog.support.Await;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.TestDatabase;

/**
 * The README's two roles, step by step, on a database of their own: an owner that the {@code migrate} command runs
 * as, and the server's login role, a member of {@code scimlog_app} that owns nothing. The server serves SCIM writes,
 * seals, rolls up, makes and drops partitions and merges the keyword index under it; the {@code tenant} command works
 * under it; and it can neither change nor remove the log, however it asks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRolesTest {

    private static final String OWNER = "scimlog_owner_rt";
    private static final String SERVER = "scimlog_server_rt";
    private static final String OWNER_PASSWORD = "owner-" + UUID.randomUUID();
    private static final String SERVER_PASSWORD = "server-" + UUID.randomUUID();
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final String database = "roles_" + UUID.randomUUID().toString().substring(0, 8);
    private String url;
    private ApplicationContext context;
    private Api api;
    private UUID tenantId;

    @BeforeAll
    void createRolesMigrateAndServe() throws SQLException {
        Matcher port = Pattern.compile("//[^:/]+:(\\d+)/").matcher(TestDatabase.jdbcUrl());
        assertTrue(port.find());
        url = "jdbc:postgresql://127.0.0.1:" + port.group(1) + "/" + database;
        // README step 1, as a superuser: the group role, the two login roles, the database owned by the owner
        try (Connection admin = DriverManager.getConnection(TestDatabase.jdbcUrl()); Statement s = admin.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scimlog_app') THEN CREATE ROLE scimlog_app NOLOGIN; END IF;
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN CREATE ROLE %1$s LOGIN; END IF;
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%2$s') THEN CREATE ROLE %2$s LOGIN IN ROLE scimlog_app; END IF;
                    END $$""".formatted(OWNER, SERVER));
            s.execute("ALTER ROLE " + OWNER + " PASSWORD '" + OWNER_PASSWORD + "'");
            s.execute("ALTER ROLE " + SERVER + " PASSWORD '" + SERVER_PASSWORD + "'");
            s.execute("CREATE DATABASE " + database + " OWNER " + OWNER);
        }
        // step 2: `migrate` as the owner (the real command, a process of its own)
        String migrated = ServerProcess.command(login(OWNER, OWNER_PASSWORD), "migrate");
        assertTrue(migrated.contains("to version " + newestMigration()), migrated);

        // step 3: the server as the role that owns nothing, without migrating
        Map<String, Object> properties = new HashMap<>(ScimServerTest.testServerProperties());
        properties.putAll(login(SERVER, SERVER_PASSWORD));
        context = ApplicationContext.run(properties);
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        String token = context.getBean(TenantAdministration.class)
                .createTenantWithToken("roles", "tests", List.of(Scopes.SCIM, Scopes.LOGS_READ)).secret();
        api = new Api(server.getURI().toString(), token);
        tenantId = (UUID) ownerQuery("SELECT id FROM tenant WHERE name = 'roles'");
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    private Map<String, String> login(String role, String password) {
        return Map.of("datasources.default.url", url, "datasources.default.username", role,
                "datasources.default.password", password, "flyway.datasources.default.enabled", "false");
    }

    @Test
    void theServerWritesSealsRollsUpAndKeepsPartitionsWithoutOwningAnything() throws SQLException {
        // two commands as the server's role, in processes of their own, while the server works: the tenant command
        // directly on the database, and migrate, which this role may not do
        Map<String, String> cli = new HashMap<>(login(SERVER, SERVER_PASSWORD));
        cli.put("scimlog.stream.enabled", "false");
        CompletableFuture<String> tenantCommand = CompletableFuture.supplyAsync(
                () -> ServerProcess.command(cli, "tenant", "create", "roles-cli", "--database"));
        CompletableFuture<String> wrongRoleMigrate = CompletableFuture.supplyAsync(() -> {
            AssertionError refused = assertThrows(AssertionError.class, () -> ServerProcess.command(cli, "migrate"));
            return refused.getMessage();
        });
        assertEquals(false, ownerQuery("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = '" + SERVER + "'"));
        assertEquals(0L, ownerQuery("SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = '" + SERVER + "'"));
        // a migration that adds a table must grant it, or the server fails under these roles only
        assertEquals("", ownerQuery("""
                SELECT coalesce(string_agg(c.relname, ', '), '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                   AND c.relname <> 'flyway_schema_history' AND NOT has_table_privilege('scimlog_app', c.oid, 'SELECT')"""));

        Api.Reply user = api.post("/scim/v2/Users", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", "ada@example.com", "active", true));
        assertEquals(201, user.status(), user.body());
        String userId = user.json().path("id").asText();
        Api.Reply group = api.post("/scim/v2/Groups", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
                "displayName", "Engineering", "members", List.of(Map.of("value", userId))));
        assertEquals(201, group.status(), group.body());
        Api.Reply deactivated = api.patch("/scim/v2/Users/" + userId, Map.of(
                "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                "Operations", List.of(Map.of("op", "replace", "value", Map.of("active", false)))));
        assertEquals(200, deactivated.status(), deactivated.body());
        assertEquals(204, api.delete("/scim/v2/Groups/" + group.json().path("id").asText()).status());

        long events = (Long) ownerQuery("SELECT count(*) FROM log_event WHERE tenant_id = '" + tenantId + "'");
        assertTrue(events >= 4, "events: " + events);
        Await.until("the sealer, running as the server's role, seals every event", Duration.ofSeconds(60),
                () -> ((Long) ownerQuery("SELECT count(*) FROM log_seal WHERE tenant_id = '" + tenantId + "'")) >= events);
        Await.until("the rollup, running as the server's role, counts the events", Duration.ofSeconds(60),
                () -> ((Number) ownerQuery("SELECT coalesce(sum(events), 0) FROM log_rollup_minute WHERE tenant_id = '"
                        + tenantId + "'")).longValue() >= events);
        assertEquals("intact", api.get("/api/v1/logs/verify").json().path("result").asText());

        // the partition job: today's partitions (made at start) and an old day, made and dropped by the server's role,
        // owned by the owner, their keyword indexes sized
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate old = today.minusDays(20);
        LogRetention retention = context.getBean(LogRetention.class);
        retention.ensurePartitions(old, old);
        for (LocalDate day : List.of(today, old)) {
            assertEquals(OWNER, ownerQuery("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'log_event_p" + SUFFIX.format(day) + "'"));
            assertEquals(true, ownerQuery("SELECT reloptions @> ARRAY['gin_pending_list_limit=32768'] FROM pg_class "
                    + "WHERE relname = 'log_event_p" + SUFFIX.format(day) + "_keywords_idx'"));
        }
        assertTrue(context.getBean(KeywordIndexUpkeep.class).merge() >= 0);
        assertTrue(retention.dropExpired(Instant.now()).contains(old));
        assertEquals(0L, ownerQuery("SELECT count(*) FROM pg_class WHERE relname IN ('log_event_p" + SUFFIX.format(old)
                + "', 'log_seal_p" + SUFFIX.format(old) + "')"));
        assertEquals("intact", api.get("/api/v1/logs/verify").json().path("result").asText());

        assertTrue(tenantCommand.join().contains("SCIM_TOKEN="), tenantCommand.join());
        // migrate under the wrong role: a sentence with the SQLState and what to do, no SQL, no password
        String refused = wrongRoleMigrate.join();
        assertTrue(refused.contains("exited 1") && refused.contains("SQLState 42501")
                && refused.contains("run migrate as the role that owns the tables"), refused);
        assertFalse(refused.contains("SELECT") || refused.contains(SERVER_PASSWORD), refused);
    }

    @Test
    void theServersRoleCannotChangeOrRemoveTheLogHoweverItAsks() throws SQLException {
        assertEquals(201, api.post("/scim/v2/Users", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", "grace@example.com")).status());
        long before = (Long) ownerQuery("SELECT count(*) FROM log_event");
        String today = "log_event_p" + SUFFIX.format(LocalDate.now(ZoneOffset.UTC));
        List<String> attempts = List.of(
                "UPDATE log_event SET severity = 'DEBUG'",
                "DELETE FROM log_event",
                "UPDATE log_seal SET hash = prev_hash",
                "DELETE FROM log_seal",
                "TRUNCATE log_event",
                "TRUNCATE " + today,
                "DROP TABLE " + today,
                "ALTER TABLE log_event DISABLE TRIGGER log_event_append_only",
                "ALTER TABLE log_event DISABLE TRIGGER ALL",
                "SET session_replication_role = replica",
                "ALTER TABLE log_event DETACH PARTITION " + today,
                "CREATE TABLE shadow_log (LIKE log_event)",
                // the owner's functions do whole, old days only
                "SELECT log_drop_day(current_date - 1)",
                "SELECT log_drop_day(current_date)",
                "UPDATE log_partition_policy SET min_drop_age_days = 1");
        try (Connection app = DriverManager.getConnection(url, SERVER, SERVER_PASSWORD)) {
            app.setAutoCommit(true);
            for (String attempt : attempts) {
                try (Statement s = app.createStatement()) {
                    SQLException refused = assertThrows(SQLException.class, () -> s.execute(attempt), attempt);
                    assertEquals("42501", refused.getSQLState(), attempt + ": " + refused.getMessage());
                }
            }
            // "the trigger disabled" is refused above; with every grant the owner has, the trigger still refuses
        }
        try (Connection owner = DriverManager.getConnection(url, OWNER, OWNER_PASSWORD); Statement s = owner.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.execute("DELETE FROM log_event"));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        assertEquals(before, ownerQuery("SELECT count(*) FROM log_event"));
        assertFalse(((Long) ownerQuery("SELECT count(*) FROM pg_class WHERE relname = 'shadow_log'")) > 0);
    }

    private Object ownerQuery(String sql) {
        try (Connection c = DriverManager.getConnection(url, OWNER, OWNER_PASSWORD);
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest migration's version, from the migrations the build packs (so the test follows new ones). */
    private static int newestMigration() {
        try (Stream<Path> files = Files.list(Path.of(DatabaseRolesTest.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
