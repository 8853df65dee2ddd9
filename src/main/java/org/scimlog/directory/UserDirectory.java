package org.scimlog.directory;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.scimlog.audit.RequestContext;

/**
 * The users of a tenant. Each write is one database transaction, so whatever is appended to the System
 * Log inside it (see {@link UserChange}) commits or rolls back with the change itself.
 */
@Singleton
public class UserDirectory {

    private final TransactionOperations<Connection> transactions;
    private final UserRepository repository;
    private final Memberships memberships;
    private final Clock clock;

    public UserDirectory(TransactionOperations<Connection> transactions, UserRepository repository,
                         Memberships memberships) {
        this.transactions = transactions;
        this.repository = repository;
        this.memberships = memberships;
        this.clock = Clock.systemUTC();
    }

    public UserChange create(UUID tenantId, UserDraft draft) {
        Instant now = now();
        UserRecord user = new UserRecord(tenantId, UUID.randomUUID(), userName(draft), draft.document(), 1, now, now);
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try {
                repository.insert(c, user, draft.passwordSet());
            } catch (SQLException e) {
                throw translate(e, user.userName());
            }
            return new UserChange(null, user, draft.passwordSet());
        });
    }

    public Optional<UserRecord> find(UUID tenantId, UUID id) {
        return transactions.executeRead(status -> repository.find(status.getConnection(), tenantId, id, false));
    }

    public UserPage search(UUID tenantId, ResourceQuery query) {
        return transactions.executeRead(status -> repository.search(status.getConnection(), tenantId, query));
    }

    /**
     * Replaces a user with what {@code change} computes from its current state, under a row lock so
     * concurrent PATCHes of one user apply one after the other. A change that alters nothing keeps the
     * version (and ETag) as it was.
     */
    public UserChange update(UUID tenantId, UUID id, ExpectedVersion expected, Function<UserRecord, UserDraft> change) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            UserRecord current = repository.find(c, tenantId, id, true)
                    .orElseThrow(() -> new DirectoryException.NotFound("User", id));
            if (!expected.accepts(current.version())) {
                throw new DirectoryException.VersionMismatch(current.version());
            }
            UserDraft draft = change.apply(current);
            if (draft.document().equals(current.document()) && !draft.passwordSet()) {
                return new UserChange(current, current, false);
            }
            UserRecord updated = new UserRecord(tenantId, id, userName(draft), draft.document(),
                    current.version() + 1, current.created(), now());
            try {
                repository.update(c, updated, draft.passwordSet());
            } catch (SQLException e) {
                throw translate(e, updated.userName());
            }
            return new UserChange(current, updated, draft.passwordSet());
        });
    }

    /** Deleting a user also takes it out of every group, each removal recorded as an event. */
    public UserChange delete(RequestContext context, UUID id, ExpectedVersion expected) {
        UUID tenantId = context.tenantId();
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            UserRecord current = repository.find(c, tenantId, id, true)
                    .orElseThrow(() -> new DirectoryException.NotFound("User", id));
            if (!expected.accepts(current.version())) {
                throw new DirectoryException.VersionMismatch(current.version());
            }
            memberships.removeEverywhere(c, context, id);
            repository.delete(c, tenantId, id);
            return new UserChange(current, null, false);
        });
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
