package org.scimlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.ReadEventBuffer;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.database.TimeOrderedIds;
import org.scimlog.schema.ResourceType;

/**
 * The resources of one type in a tenant, with the one write template every type shares. Each write is one
 * transaction that changes the resource and appends its System Log events, so they commit or roll back
 * together: a 2xx answer means the events are durable. Writes to one resource take turns ({@link WriteOrder},
 * then its row lock); a change that alters nothing keeps the version (and ETag) and records nothing. Reads
 * record their event through the {@link ReadEventBuffer}, without a write of their own, and run without a
 * transaction (see {@link ReadConnections}).
 */
public final class ResourceDirectory {

    private final ResourceKind kind;
    private final WriteTransactions transactions;
    private final ReadConnections reads;
    private final EventRecorder events;
    private final ReadEventBuffer readEvents;
    private final Clock clock = Clock.systemUTC();

    ResourceDirectory(ResourceKind kind, WriteTransactions transactions, ReadConnections reads, EventRecorder events,
                      ReadEventBuffer readEvents) {
        this.kind = kind;
        this.transactions = transactions;
        this.reads = reads;
        this.events = events;
        this.readEvents = readEvents;
    }

    public ResourceType type() {
        return kind.type();
    }

    /** Filters and sortBy of this type as SQL. */
    public ResourceSqlFields fields() {
        return kind.fields();
    }

    /** How the System Log names resources of this type ("User", "UserGroup", a declared type's name). */
    public String targetType() {
        return kind.targetType();
    }

    public ResourceRecord create(RequestContext context, ResourceDraft draft) {
        ResourceRecord created = kind.table().newRecord(context.tenantId(), TimeOrderedIds.next(), draft.document(), now());
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            kind.table().insert(c, created, draft);
            events.record(c, context, kind.created(c, created, draft));
            return created;
        });
    }

    public Optional<ResourceRecord> find(RequestContext context, UUID id) {
        Optional<ResourceRecord> found = reads.read(c -> kind.table().find(c, context.tenantId(), id, RowLock.NONE));
        found.ifPresent(r -> readEvents.record(context, List.of(EventDraft.success(EventType.SCIM_READ,
                List.of(kind.target(r)), Map.of()))));
        return found;
    }

    /**
     * How the System Log names the resource {@code id} of the tenant, as a successful write's event would,
     * or empty when there is none. For the events of refused requests: one primary-key read, and no read
     * event of its own.
     */
    public Optional<Target> targetOf(UUID tenantId, UUID id) {
        return reads.read(c -> kind.table().find(c, tenantId, id, RowLock.NONE)).map(kind::target);
    }

    /**
     * The resource a create's body names, for the event of a refused create: its naming attribute (userName,
     * a group's displayName, a declared type's) and displayName, without an id (none was given to it).
     * Empty when the body names nothing readable.
     */
    public Optional<Target> targetNamedBy(JsonNode body) {
        return kind.table().nameInBody(body, kind.type().schema()).map(name -> kind.events().target(null, name, body));
    }

    /** A list or filter query; its event names the filter and how many resources matched. */
    public ResourcePage search(RequestContext context, ResourceQuery query) {
        ResourcePage page = reads.read(c -> kind.search(c, context.tenantId(), query));
        readEvents.record(context, List.of(EventDraft.success(EventType.SCIM_SEARCH, List.of(),
                Map.of("resourceType", kind.type().name(), "totalResults", page.total(),
                        "itemsPerPage", page.resources().size()))));
        return page;
    }

    /**
     * Stores what {@code change} computes from the current resource (PUT: a new document, and for a group the
     * whole member list; PATCH: the patched document and member edits). The row is rewritten only when the
     * document changed (or a password was set); a change of members alone moves version and lastModified.
     */
    public ResourceRecord update(RequestContext context, UUID id, ExpectedVersion expected,
                                 Function<ResourceRecord, ResourceDraft> change) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            ResourceRecord current = lockCurrent(c, context.tenantId(), id, expected, RowLock.CHANGE);
            ResourceDraft draft = change.apply(current);
            boolean documentChanged = !draft.document().equals(current.document());
            ResourceRecord updated = kind.table().next(current, draft.document(), now());
            List<EventDraft> drafts = new ArrayList<>();
            if (documentChanged || draft.passwordSet()) {
                drafts.addAll(kind.changed(current, updated, draft));
            }
            drafts.addAll(kind.relationsChanged(c, updated, draft));
            if (!documentChanged && !draft.passwordSet() && drafts.isEmpty()) {
                return current;
            }
            if (documentChanged || draft.passwordSet()) {
                kind.table().update(c, updated, draft);
            } else {
                kind.table().touch(c, updated);
            }
            events.record(c, context, drafts);
            return updated;
        });
    }

    /** Deletes the resource and what relates to it (memberships, each removal recorded), then records the delete. */
    public void delete(RequestContext context, UUID id, ExpectedVersion expected) {
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            ResourceRecord current = lockCurrent(c, context.tenantId(), id, expected, RowLock.DELETE);
            kind.deleting(c, context, current);
            kind.table().delete(c, context.tenantId(), id);
            events.record(c, context, List.of(kind.deleted(current)));
            return null;
        });
    }

    private ResourceRecord lockCurrent(Connection c, UUID tenantId, UUID id, ExpectedVersion expected, RowLock lock)
            throws SQLException {
        WriteOrder.serialise(c, tenantId, id);
        ResourceRecord current = kind.table().find(c, tenantId, id, lock)
                .orElseThrow(() -> new DirectoryException.NotFound(kind.type().name(), id));
        if (!expected.accepts(current.version())) {
            throw new DirectoryException.VersionMismatch(current.version());
        }
        return current;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
