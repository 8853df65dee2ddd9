package org.scimlog.directory;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.scimlog.audit.EventDraft;

/**
 * Applies {@link MemberEdit}s to one group as row inserts and deletes, in the caller's transaction (which
 * holds the group's row lock), and returns one membership event per member actually added or removed.
 */
@Singleton
class MembershipEditor {

    private final MembershipRepository memberships;

    MembershipEditor(MembershipRepository memberships) {
        this.memberships = memberships;
    }

    List<EventDraft> apply(Connection c, ResourceRecord group, List<MemberEdit> edits, Instant now) throws SQLException {
        List<EventDraft> events = new ArrayList<>();
        ResolvedMember party = GroupEvents.asParty(group);
        for (MemberEdit edit : edits) {
            if (edit instanceof MemberEdit.Add add) {
                added(c, group, resolve(c, group, add.members()), now, party, events);
            } else if (edit instanceof MemberEdit.Remove remove) {
                removed(memberships.delete(c, group.tenantId(), group.id(), uuidsAmong(remove.values())), party, events);
            } else if (edit instanceof MemberEdit.RemoveAll) {
                removed(memberships.deleteAll(c, group.tenantId(), group.id()), party, events);
            } else if (edit instanceof MemberEdit.Replace replace) {
                // a diff: members in both lists keep their rows, so a list of 10,000 with one change is one change
                List<MembershipRepository.NewMembership> wanted = resolve(c, group, replace.members());
                List<UUID> kept = wanted.stream().map(m -> m.member().id()).toList();
                removed(memberships.deleteAllExcept(c, group.tenantId(), group.id(), kept), party, events);
                added(c, group, wanted, now, party, events);
            }
        }
        return events;
    }

    private void added(Connection c, ResourceRecord group, List<MembershipRepository.NewMembership> wanted, Instant now,
                       ResolvedMember party, List<EventDraft> events) throws SQLException {
        Map<UUID, ResolvedMember> byId = new LinkedHashMap<>();
        wanted.forEach(m -> byId.put(m.member().id(), m.member()));
        for (UUID id : memberships.insert(c, group.tenantId(), group.id(), wanted, now)) {
            events.add(GroupEvents.memberAdded(byId.get(id), party));
        }
    }

    private static void removed(List<ResolvedMember> removed, ResolvedMember party, List<EventDraft> events) {
        removed.forEach(m -> events.add(GroupEvents.memberRemoved(m, party)));
    }

    /**
     * Checks every reference in one query: each must be a user or group of this tenant (ids of other tenants
     * are as unknown as made-up ones), of the type the client named if it named one, and no group may
     * contain this group already. Repeated ids count once, the first display winning.
     */
    private List<MembershipRepository.NewMembership> resolve(Connection c, ResourceRecord group,
                                                             List<MemberReference> references) throws SQLException {
        Map<UUID, MemberReference> requested = new LinkedHashMap<>();
        for (MemberReference reference : references) {
            UUID id = parse(reference.value()).orElseThrow(() -> unknown(reference.value()));
            requested.putIfAbsent(id, reference);
        }
        Map<UUID, ResolvedMember> found = memberships.resolve(c, group.tenantId(), requested.keySet());
        List<MembershipRepository.NewMembership> wanted = new ArrayList<>(requested.size());
        List<UUID> groupMembers = new ArrayList<>();
        for (Map.Entry<UUID, MemberReference> entry : requested.entrySet()) {
            ResolvedMember member = found.get(entry.getKey());
            MemberReference reference = entry.getValue();
            if (member == null) {
                throw unknown(reference.value());
            }
            checkType(reference, member);
            if (member.type() == MemberType.GROUP) {
                groupMembers.add(member.id());
            }
            String display = reference.display() != null ? reference.display() : member.defaultDisplay();
            wanted.add(new MembershipRepository.NewMembership(member, display));
        }
        checkNoCycle(c, group, groupMembers);
        return wanted;
    }

    /**
     * Two requests nesting A in B and B in A at the same time would each pass the check alone, so nesting
     * changes of a tenant take turns (a transaction-scoped advisory lock, only when groups are added).
     */
    private void checkNoCycle(Connection c, ResourceRecord group, Collection<UUID> groupMembers) throws SQLException {
        if (groupMembers.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended('scimlog.group-nesting:' || ?::text, 0))")) {
            ps.setObject(1, group.tenantId());
            ps.execute();
        }
        Optional<UUID> cycle = memberships.firstAncestorOrSelf(c, group.tenantId(), group.id(), groupMembers);
        if (cycle.isPresent()) {
            throw new DirectoryException.InvalidReference(cycle.get().equals(group.id())
                    ? "Group '" + group.id() + "' cannot be a member of itself."
                    : "Group '" + cycle.get() + "' already contains group '" + group.id()
                    + "' (directly or through nested groups); making it a member would create a cycle.");
        }
    }

    private static void checkType(MemberReference reference, ResolvedMember member) {
        if (reference.type() == null) {
            return;
        }
        MemberType named = MemberType.fromScimName(reference.type()).orElseThrow(() ->
                new DirectoryException.InvalidReference("Member '" + reference.value() + "' has type '"
                        + reference.type() + "'; expected 'User' or 'Group'."));
        if (named != member.type()) {
            throw new DirectoryException.InvalidReference("Member '" + reference.value() + "' is a "
                    + member.type().scimName() + ", not a " + named.scimName() + ".");
        }
    }

    /** Ids that are no UUID cannot be members, so removing them removes nothing. */
    private static Set<UUID> uuidsAmong(Collection<String> values) {
        Set<UUID> ids = new HashSet<>();
        values.forEach(v -> parse(v).ifPresent(ids::add));
        return ids;
    }

    private static Optional<UUID> parse(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static DirectoryException.InvalidReference unknown(String value) {
        return new DirectoryException.InvalidReference(
                "Member '" + value + "' is not a user or group of this tenant.");
    }
}
