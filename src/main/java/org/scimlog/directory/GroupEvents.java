package org.scimlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Target;

/** The System Log events of group writes, with Okta's target types: "UserGroup" for groups, "User" for users. */
final class GroupEvents {

    private static final String GROUP_TARGET = "UserGroup";

    private GroupEvents() {
    }

    static EventDraft created(GroupRecord group) {
        return EventDraft.success(EventType.GROUP_CREATE, List.of(target(group)), Map.of());
    }

    static EventDraft deleted(GroupRecord group) {
        return EventDraft.success(EventType.GROUP_DELETE, List.of(target(group)), Map.of());
    }

    static EventDraft memberAdded(ResolvedMember member, ResolvedMember group) {
        return EventDraft.success(EventType.GROUP_MEMBER_ADD, List.of(target(member), target(group)), Map.of());
    }

    static EventDraft memberRemoved(ResolvedMember member, ResolvedMember group) {
        return EventDraft.success(EventType.GROUP_MEMBER_REMOVE, List.of(target(member), target(group)), Map.of());
    }

    /** The group as a party to membership events. */
    static ResolvedMember asParty(GroupRecord group) {
        return new ResolvedMember(group.id(), MemberType.GROUP, group.displayName(), group.displayName());
    }

    /** group.profile.update naming the attributes that changed, with their values before and after. */
    static Optional<EventDraft> profileUpdated(GroupRecord before, GroupRecord after) {
        Set<String> names = new LinkedHashSet<>();
        before.document().fieldNames().forEachRemaining(names::add);
        after.document().fieldNames().forEachRemaining(names::add);
        names.remove("schemas");
        ObjectNode from = JsonNodeFactory.instance.objectNode();
        ObjectNode to = JsonNodeFactory.instance.objectNode();
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode was = before.document().path(name);
            JsonNode is = after.document().path(name);
            if (!was.equals(is)) {
                changed.add(name);
                from.set(name, was.isMissingNode() ? NullNode.instance : was);
                to.set(name, is.isMissingNode() ? NullNode.instance : is);
            }
        }
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EventDraft.success(EventType.GROUP_UPDATE, List.of(target(after).withChanges(from, to)),
                Map.of("changedAttributes", String.join(",", changed))));
    }

    static Target target(GroupRecord group) {
        return Target.of(group.id().toString(), GROUP_TARGET, group.displayName(), group.displayName());
    }

    private static Target target(ResolvedMember member) {
        return member.type() == MemberType.USER
                ? Target.of(member.id().toString(), "User", member.alternateId(), member.displayName())
                : Target.of(member.id().toString(), GROUP_TARGET, member.alternateId(), member.displayName());
    }
}
