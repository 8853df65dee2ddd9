package org.scimlog.directory;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.RequestContext;

/** Who is in which group, for readers (members, users' groups) and for deletes of users and groups. */
@Singleton
public class Memberships {

    private final TransactionOperations<Connection> transactions;
    private final ReadConnections reads;
    private final MembershipRepository repository;
    private final EventRecorder events;

    Memberships(TransactionOperations<Connection> transactions, ReadConnections reads,
                MembershipRepository repository, EventRecorder events) {
        this.transactions = transactions;
        this.reads = reads;
        this.repository = repository;
        this.events = events;
    }

    /**
     * Takes a user or group out of every group that has it, with one group.user_membership.remove event per
     * group, in the caller's transaction: the delete of that user or group, which must hold its row lock.
     */
    public void removeEverywhere(Connection c, RequestContext context, UUID memberId) throws SQLException {
        ResolvedMember member = repository.resolve(c, context.tenantId(), List.of(memberId)).get(memberId);
        if (member == null) {
            return;
        }
        List<EventDraft> drafts = new ArrayList<>();
        for (ResolvedMember group : repository.deleteEverywhere(c, context.tenantId(), memberId)) {
            drafts.add(GroupEvents.memberRemoved(member, group));
        }
        events.record(c, context, drafts);
    }

    /** The groups each of {@code memberIds} is in, direct and indirect; absent keys are in none. */
    public Map<UUID, List<GroupMembership>> groupsOf(UUID tenantId, Collection<UUID> memberIds) {
        return reads.read(c -> repository.groupsOf(c, tenantId, memberIds));
    }

    /** Whether the group has more than {@code limit} members (costs {@code limit} index entries at most). */
    public boolean hasMoreThan(UUID tenantId, UUID groupId, int limit) {
        return reads.read(c -> repository.hasMoreThan(c, tenantId, groupId, limit));
    }

    /** Streams a group's members to {@code sink} (a large group is never held as one list here). */
    public void forEachMember(UUID tenantId, UUID groupId, Consumer<Member> sink) {
        transactions.executeRead(status -> {
            repository.members(status.getConnection(), tenantId, groupId, sink);
            return null;
        });
    }
}
