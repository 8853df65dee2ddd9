package org.scimlog.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
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
import org.scimlog.database.TimeOrderedIds;

/**
 * The groups of a tenant. Each write is one transaction holding the group's row lock, and the events it
 * records (lifecycle, profile, one per membership added or removed) commit or roll back with it.
 */
@Singleton
public class GroupDirectory {

    private final WriteTransactions transactions;
    private final ReadConnections reads;
    private final GroupRepository groups;
    private final MembershipRepository memberships;
    private final MembershipEditor editor;
    private final Memberships everywhere;
    private final EventRecorder events;
    private final ReadEventBuffer readEvents;
    private final Clock clock = Clock.systemUTC();

    GroupDirectory(WriteTransactions transactions, ReadConnections reads,
                   GroupRepository groups, MembershipRepository memberships, MembershipEditor editor,
                   Memberships everywhere, EventRecorder events, ReadEventBuffer readEvents) {
        this.transactions = transactions;
        this.reads = reads;
        this.groups = groups;
        this.memberships = memberships;
        this.editor = editor;
        this.everywhere = everywhere;
        this.events = events;
        this.readEvents = readEvents;
    }

    public GroupRecord create(RequestContext context, GroupDraft draft) {
        Instant now = now();
        GroupRecord group = new GroupRecord(context.tenantId(), TimeOrderedIds.next(), displayName(draft.document()),
                draft.document(), 1, now, now);
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try {
                groups.insert(c, group);
            } catch (SQLException e) {
                throw translate(e, group.displayName());
            }
            List<EventDraft> drafts = new ArrayList<>();
            drafts.add(GroupEvents.created(group));
            drafts.addAll(editor.apply(c, group, List.of(new MemberEdit.Add(draft.members())), now));
            events.record(c, context, drafts);
            return group;
        });
    }

    public Optional<GroupRecord> find(RequestContext context, UUID id) {
        Optional<GroupRecord> group = reads.read(c -> groups.find(c, context.tenantId(), id, GroupRepository.RowLock.NONE));
        group.ifPresent(g -> readEvents.record(context, List.of(EventDraft.success(EventType.SCIM_READ,
                List.of(GroupEvents.target(g)), Map.of()))));
        return group;
    }

    /** A list or filter query; its event names the filter and how many groups matched. */
    public GroupPage search(RequestContext context, ResourceQuery query) {
        GroupPage page = reads.read(c -> groups.search(c, context.tenantId(), query));
        readEvents.record(context, List.of(EventDraft.success(EventType.SCIM_SEARCH, List.of(),
                Map.of("resourceType", "Group", "totalResults", page.total(), "itemsPerPage", page.groups().size()))));
        return page;
    }

    /**
     * Applies what {@code change} computes from the current group (PUT: a new document and the whole member
     * list; PATCH: the patched document and member edits). Member edits become row inserts and deletes;
     * the document is rewritten only when it changed. Any change moves the version (and ETag); a request
     * that changes nothing keeps it.
     */
    public GroupRecord update(RequestContext context, UUID id, ExpectedVersion expected,
                              Function<GroupRecord, GroupUpdate> change) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            GroupRecord current = lockCurrent(c, context.tenantId(), id, expected, GroupRepository.RowLock.CHANGE);
            GroupUpdate update = change.apply(current);
            Instant now = now();
            boolean profileChanged = !update.document().equals(current.document());
            GroupRecord updated = new GroupRecord(context.tenantId(), id, displayName(update.document()),
                    update.document(), current.version() + 1, current.created(), now);
            List<EventDraft> drafts = new ArrayList<>();
            GroupEvents.profileUpdated(current, updated).ifPresent(drafts::add);
            drafts.addAll(editor.apply(c, updated, update.memberEdits(), now));
            if (drafts.isEmpty()) {
                return current;
            }
            try {
                if (profileChanged) {
                    groups.update(c, updated);
                } else {
                    groups.touch(c, context.tenantId(), id, updated.version(), now);
                }
            } catch (SQLException e) {
                throw translate(e, updated.displayName());
            }
            events.record(c, context, drafts);
            return updated;
        });
    }

    /** Deletes the group, its memberships (as member and as container), and records an event for each. */
    public void delete(RequestContext context, UUID id, ExpectedVersion expected) {
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            GroupRecord current = lockCurrent(c, context.tenantId(), id, expected, GroupRepository.RowLock.DELETE);
            ResolvedMember party = GroupEvents.asParty(current);
            List<EventDraft> drafts = new ArrayList<>();
            memberships.deleteAll(c, context.tenantId(), id).forEach(m -> drafts.add(GroupEvents.memberRemoved(m, party)));
            events.record(c, context, drafts);
            everywhere.removeEverywhere(c, context, id);
            groups.delete(c, context.tenantId(), id);
            events.record(c, context, List.of(GroupEvents.deleted(current)));
            return null;
        });
    }

    private GroupRecord lockCurrent(Connection c, UUID tenantId, UUID id, ExpectedVersion expected,
                                    GroupRepository.RowLock lock) throws SQLException {
        WriteOrder.serialise(c, tenantId, id);
        GroupRecord current = groups.find(c, tenantId, id, lock)
                .orElseThrow(() -> new DirectoryException.NotFound("Group", id));
        if (!expected.accepts(current.version())) {
            throw new DirectoryException.VersionMismatch(current.version());
        }
        return current;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String displayName(ObjectNode document) {
        return document.path("displayName").asText();
    }

    private static RuntimeException translate(SQLException e, String displayName) {
        if (GroupRepository.isDisplayNameConflict(e)) {
            return new DirectoryException.Conflict("A group with displayName '" + displayName + "' already exists.");
        }
        return new IllegalStateException("group write failed", e);
    }
}
