package org.scimlog.directory;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.ReadEventBuffer;
import org.scimlog.audit.RequestContext;
import org.scimlog.database.TimeOrderedIds;

/**
 * The users of a tenant. Each write is one database transaction that changes the user and appends its
 * System Log events, so they commit or roll back together: a 2xx answer means the events are durable.
 * Reads record their event through the {@link ReadEventBuffer}, without a write of their own, and run
 * without a transaction (see {@link ReadConnections}).
 */
@Singleton
public class UserDirectory {

    private final WriteTransactions transactions;
    private final ReadConnections reads;
    private final UserRepository repository;
    private final AuditLog auditLog;
    private final ReadEventBuffer readEvents;
    private final Memberships memberships;
    private final Clock clock;

    public UserDirectory(WriteTransactions transactions, ReadConnections reads,
                         UserRepository repository, AuditLog auditLog, ReadEventBuffer readEvents, Memberships memberships) {
        this.transactions = transactions;
        this.reads = reads;
        this.repository = repository;
        this.auditLog = auditLog;
        this.readEvents = readEvents;
        this.memberships = memberships;
        this.clock = Clock.systemUTC();
    }

    public UserChange create(RequestContext context, UserDraft draft) {
        Instant now = now();
        UserRecord user = new UserRecord(context.tenantId(), TimeOrderedIds.next(), userName(draft), draft.document(), 1, now, now);
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try {
                repository.insert(c, user, draft.passwordSet());
            } catch (SQLException e) {
                throw translate(e, user.userName());
            }
            return recorded(c, context, new UserChange(null, user, draft.passwordSet()));
        });
    }

    public Optional<UserRecord> find(RequestContext context, UUID id) {
        Optional<UserRecord> user = reads.read(c -> repository.find(c, context.tenantId(), id, false));
        user.ifPresent(u -> readEvents.record(context, List.of(EventDraft.success(EventType.SCIM_READ,
                List.of(UserEvents.target(u)), Map.of()))));
        return user;
    }

    /**
     * A list or filter query; its event names the filter and how many users matched. With {@code withGroups}
     * the users' groups are read on the same connection.
     */
    public UserPage search(RequestContext context, ResourceQuery query, boolean withGroups) {
        UserPage page = reads.read(c -> {
            UserPage found = repository.search(c, context.tenantId(), query);
            return withGroups && !found.users().isEmpty()
                    ? found.withGroups(memberships.groupsOf(context.tenantId(), found.users().stream().map(UserRecord::id).toList()))
                    : found;
        });
        readEvents.record(context, List.of(EventDraft.success(EventType.SCIM_SEARCH, List.of(),
                Map.of("resourceType", "User", "totalResults", page.total(), "itemsPerPage", page.users().size()))));
        return page;
    }

    /**
     * Replaces a user with what {@code change} computes from its current state, under a row lock so
     * concurrent PATCHes of one user apply one after the other. A change that alters nothing keeps the
     * version (and ETag) as it was and records nothing.
     */
    public UserChange update(RequestContext context, UUID id, ExpectedVersion expected, Function<UserRecord, UserDraft> change) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            UserRecord current = lockCurrent(c, context.tenantId(), id, expected);
            UserDraft draft = change.apply(current);
            if (draft.document().equals(current.document()) && !draft.passwordSet()) {
                return new UserChange(current, current, false);
            }
            UserRecord updated = new UserRecord(context.tenantId(), id, userName(draft), draft.document(),
                    current.version() + 1, current.created(), now());
            try {
                repository.update(c, updated, draft.passwordSet());
            } catch (SQLException e) {
                throw translate(e, updated.userName());
            }
            return recorded(c, context, new UserChange(current, updated, draft.passwordSet()));
        });
    }

    /** Deleting a user also takes it out of every group, each removal recorded as an event. */
    public UserChange delete(RequestContext context, UUID id, ExpectedVersion expected) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            UserRecord current = lockCurrent(c, context.tenantId(), id, expected);
            memberships.removeEverywhere(c, context, id);
            repository.delete(c, context.tenantId(), id);
            return recorded(c, context, new UserChange(current, null, false));
        });
    }

    private UserRecord lockCurrent(Connection c, UUID tenantId, UUID id, ExpectedVersion expected) throws SQLException {
        WriteOrder.serialise(c, tenantId, id);
        UserRecord current = repository.find(c, tenantId, id, true)
                .orElseThrow(() -> new DirectoryException.NotFound("User", id));
        if (!expected.accepts(current.version())) {
            throw new DirectoryException.VersionMismatch(current.version());
        }
        return current;
    }

    private UserChange recorded(Connection c, RequestContext context, UserChange change) throws SQLException {
        auditLog.append(c, context, UserEvents.of(change));
        return change;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String userName(UserDraft draft) {
        return draft.document().path("userName").asText();
    }

    private static RuntimeException translate(SQLException e, String userName) {
        if (UserRepository.isUserNameConflict(e)) {
            return new DirectoryException.Conflict("A user with userName '" + userName + "' already exists.");
        }
        return new IllegalStateException("user write failed", e);
    }
}
