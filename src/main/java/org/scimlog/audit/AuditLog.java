package org.scimlog.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Appends events to the System Log. {@link #append} runs inside the caller's transaction, so an event
 * commits or rolls back with the change it describes; {@link #appendAlone} is for requests that changed
 * nothing (reads, refusals), whose event is the only write.
 */
@Singleton
public class AuditLog {

    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();

    public AuditLog(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Appends in the transaction that owns {@code connection}; returns the events as stored. */
    public List<ObjectNode> append(Connection connection, RequestContext context, List<EventDraft> drafts) throws SQLException {
        if (drafts.isEmpty()) {
            return List.of();
        }
        Instant published = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<ObjectNode> events = new ArrayList<>(drafts.size());
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO log_event (tenant_id, uuid, published, event_type, severity, outcome_result, actor_id,
                                       target_ids, transaction_id, keywords, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            for (EventDraft draft : drafts) {
                UUID uuid = UUID.randomUUID();
                ObjectNode event = LogEventJson.build(uuid, published, context, draft);
                ps.setObject(1, context.tenantId());
                ps.setObject(2, uuid);
                ps.setTimestamp(3, Timestamp.from(published));
                ps.setString(4, draft.type().id());
                ps.setString(5, draft.type().severity());
                ps.setString(6, draft.outcome().result());
                ps.setString(7, context.actor().id());
                ps.setArray(8, connection.createArrayOf("text", draft.targets().stream().map(Target::id).toArray()));
                ps.setString(9, context.requestId());
                ps.setArray(10, connection.createArrayOf("text", Keywords.of(event).toArray()));
                ps.setString(11, write(event));
                ps.addBatch();
                events.add(event);
            }
            ps.executeBatch();
        }
        return events;
    }

    /**
     * Appends in a transaction of its own. Commits asynchronously: these events record reads and refusals,
     * not changes, so they need not hold up the response for a disk flush.
     */
    public void appendAlone(RequestContext context, List<EventDraft> drafts) {
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
            append(c, context, drafts);
            return null;
        });
    }

    private String write(ObjectNode event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a log event", e);
        }
    }
}
