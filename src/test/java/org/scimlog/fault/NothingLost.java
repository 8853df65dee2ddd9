package org.scimlog.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.scimlog.support.Api;
import org.scimlog.support.TopicRecords;
import org.scimlog.support.TopicRecords.Delivered;

/**
 * The promises a fault must not break, checked against what {@link OktaLoad} was told: every acknowledged
 * write is in the directory and has its events (found by the request id the client got back), the tenant's
 * hash chain verifies over every event, and every event is on the topic with each resource's events in the
 * order they committed.
 */
final class NothingLost {

    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(120);

    private final FaultStack stack;
    private final OktaLoad load;
    private int verifyRetries;

    NothingLost(FaultStack stack, OktaLoad load) {
        this.stack = stack;
        this.load = load;
    }

    /** Every check below; {@code server} answers the chain verification. */
    void assertHolds(String server) {
        assertTrue(load.acknowledgedWrites() > 0, "the load wrote something");
        everyAcknowledgedWriteIsStored();
        everyAcknowledgedWriteHasItsEvents();
        theChainVerifies(server);
        int events = everyEventReachedKafkaInOrder();
        // the figures of the run, for the build log
        System.out.println("[fault] " + summary(load) + "; " + load.users().size() + " users, " + load.groups().size()
                + " groups, " + events + " events stored, sealed and delivered in order"
                + (verifyRetries == 0 ? "" : "; /api/v1/logs/verify answered 503 " + verifyRetries + " times before it verified"));
    }

    void everyAcknowledgedWriteIsStored() {
        Map<String, String> displayNames = new HashMap<>();
        Set<String> memberships = new HashSet<>();
        query("SELECT id::text, doc->>'displayName' FROM scim_user WHERE tenant_id = ?",
                rs -> displayNames.put(rs.getString(1), rs.getString(2)));
        query("SELECT group_id::text || '/' || member_id::text FROM group_member WHERE tenant_id = ?",
                rs -> memberships.add(rs.getString(1)));
        Set<String> groupIds = new HashSet<>();
        query("SELECT id::text FROM scim_group WHERE tenant_id = ?", rs -> groupIds.add(rs.getString(1)));
        for (OktaLoad.UserState user : load.users()) {
            assertTrue(displayNames.containsKey(user.id), "acknowledged create of user " + user.id + " is stored");
            List<String> attempted;
            synchronized (user.attempted) {
                attempted = List.copyOf(user.attempted);
            }
            int stored = attempted.indexOf(displayNames.get(user.id));
            // a PATCH in flight when the fault hit may have committed without an answer: a later value is fine
            assertTrue(stored >= user.acknowledgedUpTo, "user " + user.id + " holds its last acknowledged displayName "
                    + attempted.get(user.acknowledgedUpTo) + " or a later attempt, not " + displayNames.get(user.id));
        }
        for (OktaLoad.GroupState group : load.groups()) {
            assertTrue(groupIds.contains(group.id), "acknowledged group push " + group.id + " is stored");
            synchronized (group.acknowledgedMembers) {
                for (String member : group.acknowledgedMembers) {
                    assertTrue(memberships.contains(group.id + "/" + member),
                            "acknowledged member " + member + " of group " + group.id + " is stored");
                }
            }
        }
    }

    void everyAcknowledgedWriteHasItsEvents() {
        Map<String, Set<String>> targetsByRequest = new HashMap<>();
        query("SELECT transaction_id, target_ids FROM log_event WHERE tenant_id = ?", rs -> {
            Array targets = rs.getArray(2);
            Set<String> ids = targetsByRequest.computeIfAbsent(rs.getString(1), k -> new HashSet<>());
            for (Object id : (Object[]) targets.getArray()) {
                ids.add(String.valueOf(id));
            }
        });
        for (OktaLoad.Acknowledged write : load.acknowledged()) {
            Set<String> targets = targetsByRequest.get(write.requestId());
            assertTrue(targets != null && targets.contains(write.resourceId()), "the acknowledged " + write.what()
                    + " of " + write.resourceId() + " (request " + write.requestId() + ") has its event in the log");
        }
    }

    void theChainVerifies(String server) {
        Api logs = new Api(server, stack.token());
        Await.until("the sealer has sealed every event of the tenant and the chain verifies", DELIVERY_DEADLINE, () -> {
            Api.Reply verify = logs.get("/api/v1/logs/verify");
            if (verify.status() == 503) {
                // the server's own "retry later" (a statement over its time limit): retried, and shown in the summary
                verifyRetries++;
                return false;
            }
            assertEquals(200, verify.status(), verify::toString);
            assertEquals("intact", verify.json().path("result").asText(), "the hash chain is intact: " + verify);
            return verify.json().path("unsealedEvents").asLong(-1) == 0
                    && verify.json().path("checkedEvents").asLong() == eventCount();
        });
    }

    /** Returns how many events were compared. */
    int everyEventReachedKafkaInOrder() {
        Map<String, List<String>> committed = new LinkedHashMap<>();
        query("""
                SELECT tenant_id::text || ':' || coalesce(body #>> '{target,0,id}', 'none'), uuid::text
                  FROM log_event WHERE tenant_id = ? ORDER BY txid, seq""",
                rs -> committed.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        Set<String> all = new HashSet<>();
        committed.values().forEach(all::addAll);
        Predicate<List<Delivered>> everything = read -> new HashSet<>(TopicRecords.uuids(read)).containsAll(all);
        List<Delivered> records = TopicRecords.readUntil(stack.kafka().bootstrapServers(), stack.topic(), everything,
                DELIVERY_DEADLINE);
        Set<String> delivered = new HashSet<>(TopicRecords.uuids(records));
        List<String> missing = all.stream().filter(uuid -> !delivered.contains(uuid)).limit(10).toList();
        assertTrue(missing.isEmpty(), all.size() - delivered.stream().filter(all::contains).count() + " of " + all.size()
                + " events never reached Kafka, e.g. " + missing);
        Map<String, List<String>> firstSeen = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Delivered record : records) {
            // duplicates are allowed (at least once); events written after the snapshot above are not compared
            if (all.contains(record.header("uuid")) && seen.add(record.header("uuid"))) {
                firstSeen.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.header("uuid"));
            }
        }
        committed.forEach((key, uuids) -> assertInOrder(key, uuids, firstSeen.getOrDefault(key, List.of()), records));
        return all.size();
    }

    /** A short message at the first difference: the whole lists of a busy key are thousands of uuids. */
    private static void assertInOrder(String key, List<String> committed, List<String> delivered, List<Delivered> records) {
        if (committed.equals(delivered)) {
            return;
        }
        int i = 0;
        while (i < committed.size() && i < delivered.size() && committed.get(i).equals(delivered.get(i))) {
            i++;
        }
        Map<String, String> types = new HashMap<>();
        records.forEach(r -> types.putIfAbsent(r.header("uuid"), r.header("eventType")));
        String expected = i < committed.size() ? committed.get(i) + " (" + types.get(committed.get(i)) + ")" : "nothing more";
        String actual = i < delivered.size() ? delivered.get(i) + " (" + types.get(delivered.get(i)) + ")" : "nothing more";
        throw new AssertionError("events about " + key + " reach Kafka in the order they committed: of " + committed.size()
                + " events the first " + i + " match, then the log has " + expected + " where Kafka has " + actual
                + "; the committed one is at position " + delivered.indexOf(i < committed.size() ? committed.get(i) : "")
                + " on the topic");
    }

    long eventCount() {
        long[] count = new long[1];
        query("SELECT count(*) FROM log_event WHERE tenant_id = ?", rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row) {
        try (Connection c = stack.postgres().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, stack.tenantId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For failure messages: what went on during the run. */
    static String summary(OktaLoad load) {
        Map<Integer, Integer> byStatus = new HashMap<>();
        long slowest = 0;
        for (OktaLoad.Response r : load.responses()) {
            byStatus.merge(r.status(), 1, Integer::sum);
            slowest = Math.max(slowest, r.millis());
        }
        return "responses by status " + byStatus + ", slowest " + slowest + " ms, " + load.acknowledgedWrites()
                + " writes acknowledged";
    }
}
