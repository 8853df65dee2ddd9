package org.scimlog.audit.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.stream.CheckpointPublisher;
import org.scimlog.audit.stream.RelayProgress;
import org.scimlog.launch.Console;
import org.scimlog.launch.LogCommand;
import org.scimlog.security.Scopes;
import org.scimlog.support.Api;
import org.scimlog.support.Await;
import org.scimlog.support.LogMaintenance;
import org.scimlog.support.LogRows;
import org.scimlog.support.ScimServerTest;
import org.scimlog.support.StreamProperties;
import org.scimlog.support.TestDatabase;
import org.scimlog.support.TestKafka;

/**
 * Tamper evidence that does not trust the database: a superuser rewrites the log and recomputes the whole chain
 * in SQL, the in-database verify still says intact, and the offline verifier, given only the public key, the
 * signed checkpoints and the events (exported from that database, or the Kafka topic), names the first bad event.
 */
@MicronautTest(transactional = false)
class OfflineVerificationTest extends ScimServerTest {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final KeyPair KEY = CheckpointKeys.generate();
    private final String topic = TestKafka.uniqueTopic();
    private final String checkpointTopic = TestKafka.uniqueTopic();
    private Path dir;
    private Path publicKey;

    @Inject
    ChainSealer sealer;
    @Inject
    ChainVerifier inDatabase;
    @Inject
    CheckpointSigner signer;
    @Inject
    CheckpointPublisher publisher;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>(StreamProperties.of(TestKafka.shared().bootstrapServers(), topic));
        p.put("scimlog.stream.checkpoint-topic", checkpointTopic);
        p.put("scimlog.log.checkpoint.signing-key", CheckpointKeys.pem(KEY.getPrivate()));
        // the test signs when it needs a checkpoint; small stretches so a tenant's chain spans several
        p.put("scimlog.log.checkpoint.interval", "1h");
        p.put("scimlog.log.checkpoint.max-events", "3");
        return p;
    }

    @BeforeAll
    void keyFiles() throws IOException {
        dir = Files.createDirectories(Path.of("target", "offline-verification-" + UUID.randomUUID()));
        publicKey = dir.resolve("public.pem");
        Files.writeString(publicKey, CheckpointKeys.pem(KEY.getPublic()));
    }

    /** A fresh tenant with {@code users} users, everything sealed and signed; returns its name and id. */
    private Tenant signedTenant(int users) {
        String name = "v-" + UUID.randomUUID().toString().substring(0, 12);
        Api client = new Api(server.getURI().toString(), tenants.createTenantWithToken(name, "tests", List.of(Scopes.SCIM)).secret());
        for (int i = 0; i < users; i++) {
            assertEquals(201, client.post("/scim/v2/Users", Map.of("schemas", List.of(USER), "userName", "u" + i + "@example.com")).status());
        }
        LogMaintenance.sealEverythingCommitted(sealer::sealBatch);
        UUID id = UUID.fromString(query("SELECT id FROM tenant WHERE name = '" + name + "'").get(0).get(0));
        // a scheduled round of the signer may hold its lock when signNow tries: sign until the whole chain is covered
        assertTrue(Await.until(java.time.Duration.ofMinutes(1), () -> {
            signer.signNow();
            return !query("SELECT 1 FROM log_checkpoint k JOIN log_chain_head h USING (tenant_id) WHERE h.tenant_id = '"
                    + id + "' AND k.chain_seq = h.chain_seq").isEmpty();
        }), "a checkpoint covers the tenant's whole chain");
        return new Tenant(name, id, client);
    }

    private record Tenant(String name, UUID id, Api client) {
    }

    @Test
    void theKafkaCopyAndAnExportVerifyWithThePublicKeyAlone() throws IOException {
        Tenant tenant = signedTenant(7);
        RelayProgress.awaitAcknowledged(tenant.name());
        assertTrue(Await.until(java.time.Duration.ofMinutes(1), () -> publisher.publishPending() == 0
                && query("SELECT 1 FROM log_checkpoint WHERE id > (SELECT last_seq FROM log_reader_position WHERE reader = '"
                + CheckpointPublisher.READER + "')").isEmpty()), "every checkpoint acknowledged by Kafka");
        long events = Long.parseLong(query("SELECT count(*) FROM log_event WHERE tenant_id = '" + tenant.id() + "'").get(0).get(0));

        Result fromKafka = verify("kafka://" + TestKafka.shared().bootstrapServers() + "/" + topic,
                "kafka://" + TestKafka.shared().bootstrapServers() + "/" + checkpointTopic, "--tenant", tenant.id().toString());
        assertEquals(0, fromKafka.exit(), fromKafka::toString);
        JsonNode result = fromKafka.json().path("tenants").get(0);
        assertEquals(events, result.path("verifiedEvents").asLong(), fromKafka::toString);
        assertEquals(1, result.path("fromChainSeq").asLong());
        assertEquals(0, result.path("eventsAfterLastCheckpoint").asLong());
        assertTrue(result.path("checkpoints").asInt() >= 3, "stretches of at most 3 links");

        // the same proof from an export of the database and the checkpoints the API serves
        Result fromFiles = verify(export(tenant).toString(), checkpointsFromApi(tenant).toString());
        assertEquals(0, fromFiles.exit(), fromFiles::toString);
        assertEquals(events, fromFiles.json().path("tenants").get(0).path("verifiedEvents").asLong());
    }

    @Test
    void aChangedEventRecomputedInSqlPassesTheDatabaseButNotTheOfflineVerifier() throws IOException {
        Tenant tenant = signedTenant(6);
        List<List<String>> events = eventsInCommitOrder(tenant.id());
        int victim = events.size() - 3;
        String uuid = events.get(victim).get(0);
        asSuperuserRewriting(tenant.id(), "UPDATE log_event SET body = jsonb_set(body, '{outcome,result}', '\"FAILURE\"') "
                + "WHERE uuid = '" + uuid + "'");
        assertTrue(inDatabaseIntact(tenant.id()), "the recomputed chain fools the in-database verify");

        Result offline = verify(export(tenant).toString(), checkpointsFromApi(tenant).toString());
        assertEquals(1, offline.exit(), offline::toString);
        assertEquals("broken", offline.json().path("result").asText());
        assertEquals(uuid, offline.json().path("firstBadUuid").asText(), offline::toString);
        assertEquals(victim + 1, offline.json().path("chainSeq").asLong());
        assertTrue(offline.json().path("problem").asText().contains("changed"), offline::toString);
        assertTrue(offline.json().path("at").asText().startsWith("line "), offline::toString);
    }

    @Test
    void aRemovedEventIsNamedByItsPositionAndTheEventAfterIt() throws IOException {
        Tenant tenant = signedTenant(6);
        List<List<String>> events = eventsInCommitOrder(tenant.id());
        int removed = events.size() - 4;
        asSuperuserRewriting(tenant.id(), "DELETE FROM log_event WHERE uuid = '" + events.get(removed).get(0) + "'");
        assertTrue(inDatabaseIntact(tenant.id()));

        Result offline = verify(export(tenant).toString(), checkpointsFromApi(tenant).toString());
        assertEquals(1, offline.exit(), offline::toString);
        assertEquals(removed + 1, offline.json().path("chainSeq").asLong(), offline::toString);
        assertEquals(events.get(removed + 1).get(0), offline.json().path("firstBadUuid").asText(), offline::toString);
        assertTrue(offline.json().path("problem").asText().contains("removed"), offline::toString);
    }

    @Test
    void anInsertedEventIsNamed() throws IOException {
        Tenant tenant = signedTenant(6);
        List<List<String>> events = eventsInCommitOrder(tenant.id());
        int after = events.size() - 3; // the forged event goes between this one and the next (separate transactions)
        List<String> next = events.get(after + 1);
        String forged = UUID.randomUUID().toString();
        asSuperuserRewriting(tenant.id(), "INSERT INTO log_event (tenant_id, uuid, published, seq, txid, event_type, severity,"
                + " outcome_result, actor_id, target_ids, transaction_id, keywords, body)"
                + " SELECT tenant_id, '" + forged + "', published, " + (Long.parseLong(next.get(2)) - 1) + ", '" + next.get(1)
                + "'::xid8, event_type, severity, outcome_result, actor_id, target_ids, transaction_id, keywords,"
                + " jsonb_set(body, '{uuid}', '\"" + forged + "\"') FROM log_event WHERE uuid = '" + events.get(after).get(0) + "'");
        assertTrue(inDatabaseIntact(tenant.id()));

        Result offline = verify(export(tenant).toString(), checkpointsFromApi(tenant).toString());
        assertEquals(1, offline.exit(), offline::toString);
        assertEquals(forged, offline.json().path("firstBadUuid").asText(), offline::toString);
        assertEquals(after + 2, offline.json().path("chainSeq").asLong());
        assertTrue(offline.json().path("problem").asText().contains("inserted"), offline::toString);
    }

    @Test
    void checkpointsOfAnotherKeyOrChangedAfterSigningAreRefused() throws IOException {
        Tenant tenant = signedTenant(2);
        Path events = export(tenant);
        Path checkpoints = checkpointsFromApi(tenant);
        Path otherKey = dir.resolve("other.pem");
        Files.writeString(otherKey, CheckpointKeys.pem(CheckpointKeys.generate().getPublic()));
        Result other = run("verify", "--events", events.toString(), "--checkpoints", checkpoints.toString(),
                "--public-key", otherKey.toString());
        assertEquals(1, other.exit(), other::toString);
        assertEquals("refused", other.json().path("result").asText());
        assertTrue(other.json().path("problem").asText().contains("does not verify with this public key"));

        // a checkpoint forged by someone without the key: signed by their own key over a rewritten head
        String forged = Files.readString(checkpoints).replaceFirst("\"headHash\":\"[0-9a-f]", "\"headHash\":\"f");
        Path forgedFile = Files.writeString(dir.resolve("forged-" + UUID.randomUUID() + ".json"), forged);
        Result refused = verify(events.toString(), forgedFile.toString());
        assertEquals(1, refused.exit(), refused::toString);
        assertEquals("refused", refused.json().path("result").asText());
    }

    @Test
    void checkpointsAreServedToTheTenantOnlyAndNeedLogsRead() {
        Tenant mine = signedTenant(1);
        Tenant theirs = signedTenant(1);
        Api reader = reader(mine);
        Api.Reply reply = reader.get("/api/v1/logs/checkpoints");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.json().isArray() && reply.json().size() >= 1);
        for (JsonNode checkpoint : reply.json()) {
            assertEquals(mine.id().toString(), checkpoint.path("tenantId").asText(), "only the caller's tenant");
        }
        assertTrue(reply.json().toString().indexOf(theirs.id().toString()) < 0);
        assertEquals(403, mine.client().get("/api/v1/logs/checkpoints").status(), "a provisioning token may not read them");
        assertEquals(401, new Api(server.getURI().toString(), "nope").get("/api/v1/logs/checkpoints").status());
        Api.Reply bad = reader.get("/api/v1/logs/checkpoints?limit=0");
        assertEquals(400, bad.status());
        assertEquals("E0000001", bad.json().path("errorCode").asText());
        assertEquals(0, reader.get("/api/v1/logs/checkpoints?afterChainSeq=1000000").json().size());
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private record Result(int exit, String out, String err) {
        JsonNode json() {
            return Api.json(out);
        }
    }

    private Result verify(String events, String checkpoints, String... more) {
        List<String> args = new ArrayList<>(List.of("verify", "--events", events, "--checkpoints", checkpoints,
                "--public-key", publicKey.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LogCommand.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code log export}, run the way an operator runs it against the (possibly rewritten) database. */
    private Path export(Tenant tenant) {
        Path file = dir.resolve("events-" + UUID.randomUUID() + ".ndjson");
        System.setProperty("datasources.default.url", TestDatabase.jdbcUrl());
        System.setProperty("datasources.default.username", "postgres");
        System.setProperty("scimlog.stream.enabled", "false");
        try {
            Result result = run("export", tenant.name(), "--out", file.toString());
            assertEquals(0, result.exit(), result::toString);
        } finally {
            System.clearProperty("datasources.default.url");
            System.clearProperty("datasources.default.username");
            System.clearProperty("scimlog.stream.enabled");
        }
        return file;
    }

    private Api reader(Tenant tenant) {
        return new Api(server.getURI().toString(),
                tenants.createTenantWithToken(tenant.name(), "auditor-" + UUID.randomUUID(), List.of(Scopes.LOGS_READ)).secret());
    }

    private Path checkpointsFromApi(Tenant tenant) throws IOException {
        Api.Reply reply = reader(tenant).get("/api/v1/logs/checkpoints?limit=1000");
        assertEquals(200, reply.status(), reply::toString);
        return Files.writeString(dir.resolve("checkpoints-" + UUID.randomUUID() + ".json"), reply.raw().body());
    }

    private boolean inDatabaseIntact(UUID tenant) {
        ChainVerification v = inDatabase.verify(tenant, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plusSeconds(60));
        return v.intact();
    }

    /** uuid, txid, seq of each event of the tenant, in the chain's order. */
    private static List<List<String>> eventsInCommitOrder(UUID tenant) {
        return query("SELECT uuid::text, txid::text, seq::text FROM log_event WHERE tenant_id = '" + tenant + "' ORDER BY txid, seq");
    }

    /**
     * What a database superuser can do: switch the append-only guards off, change the log, and recompute the
     * tenant's whole chain (seals and head) with the same SHA-256 links the sealer writes.
     */
    private static void asSuperuserRewriting(UUID tenant, String change) {
        String genesis = "decode(repeat('00', 32), 'hex')";
        try (Connection c = LogRows.connect(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.executeUpdate(change);
            s.executeUpdate("DELETE FROM log_seal WHERE tenant_id = '" + tenant + "'");
            s.executeUpdate("WITH RECURSIVE ev AS (SELECT row_number() OVER (ORDER BY txid, seq) AS n, uuid, published,"
                    + " convert_to(body::text, 'UTF8') AS b FROM log_event WHERE tenant_id = '" + tenant + "'),"
                    + " ch AS (SELECT n, uuid, published, " + genesis + " AS prev, sha256(" + genesis + " || b) AS h FROM ev WHERE n = 1"
                    + " UNION ALL SELECT ev.n, ev.uuid, ev.published, ch.h, sha256(ch.h || ev.b) FROM ch JOIN ev ON ev.n = ch.n + 1)"
                    + " INSERT INTO log_seal (tenant_id, chain_seq, event_uuid, published, prev_hash, hash)"
                    + " SELECT '" + tenant + "', n, uuid, published, prev, h FROM ch");
            s.executeUpdate("UPDATE log_chain_head h SET chain_seq = s.chain_seq, hash = s.hash FROM (SELECT chain_seq, hash"
                    + " FROM log_seal WHERE tenant_id = '" + tenant + "' ORDER BY chain_seq DESC LIMIT 1) s WHERE h.tenant_id = '" + tenant + "'");
            s.execute("SET session_replication_role = DEFAULT");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<String>> query(String sql) {
        try (Connection c = LogRows.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
