package org.scimlog.audit;

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
import java.util.Objects;
import java.util.UUID;
import org.scimlog.database.TimeOrderedIds;
import org.scimlog.json.JsonCodec;

/**
 * Appends events to the System Log. {@link #append} runs inside the caller's transaction, so an event
 * commits or rolls back with the change it describes; {@link #appendAlone} is for requests that changed
 * nothing (refusals), whose event is the only write.
 */
@Singleton
public class AuditLog {

    private final TransactionOperations<Connection> transactions;
    private final JsonCodec json;
    private final Clock clock = Clock.systemUTC();

    public AuditLog(TransactionOperations<Connection> transactions, JsonCodec json) {
        this.transactions = transactions;
        this.json = json;
    }

    /** Appends in the transaction that owns {@code connection}; returns the events as stored. */
    public List<ObjectNode> append(Connection connection, RequestContext context, List<EventDraft> drafts) throws SQLException {
        if (drafts.isEmpty()) {
            return List.of();
        }
        List<PendingEvent> events = prepare(context, drafts);
        insert(connection, events);
        return events.stream().map(PendingEvent::body).toList();
    }

    /**
     * Appends in a transaction of its own. Commits asynchronously: these events record refusals, not
     * changes, so they need not hold up the response for a disk flush.
     */
    public void appendAlone(RequestContext context, List<EventDraft> drafts) {
        List<PendingEvent> events = prepare(context, drafts);
        insertAlone(events);
    }

    /** Builds the events now, so their published time is when they happened, not when they are written. */
    public List<PendingEvent> prepare(RequestContext context, List<EventDraft> drafts) {
        Instant published = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<PendingEvent> events = new ArrayList<>(drafts.size());
        Keywords keywords = Keywords.forBatch();
        LogEventJson builder = LogEventJson.forRequest(context, json);
        for (EventDraft draft : drafts) {
            UUID uuid = TimeOrderedIds.next();
            ObjectNode event = builder.build(uuid, published, draft);
            events.add(new PendingEvent(context.tenantId(), uuid, published, draft.type().id(), draft.type().severity(),
                    draft.outcome().result(), context.actor().id(), draft.targets().stream().map(Target::id).filter(Objects::nonNull).toList(),
                    context.requestId(), List.copyOf(keywords.extract(event)), event, builder.text(event)));
        }
        return events;
    }

    void insertAlone(List<PendingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
            insert(c, events);
            return null;
        });
    }

    private void insert(Connection connection, List<PendingEvent> events) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO log_event (tenant_id, uuid, published, event_type, severity, outcome_result, actor_id,
                                       target_ids, transaction_id, keywords, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")) {
            for (PendingEvent event : events) {
                ps.setObject(1, event.tenantId());
                ps.setObject(2, event.uuid());
                ps.setTimestamp(3, Timestamp.from(event.published()));
                ps.setString(4, event.eventType());
                ps.setString(5, event.severity());
                ps.setString(6, event.outcomeResult());
                ps.setString(7, event.actorId());
                // a String[] travels in binary, element by element: createArrayOf's quoted text form cost as much
                // CPU as building the event
                ps.setObject(8, event.targetIds().toArray(String[]::new));
                ps.setString(9, event.transactionId());
                ps.setObject(10, event.keywords().toArray(String[]::new));
                ps.setString(11, event.bodyText());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
