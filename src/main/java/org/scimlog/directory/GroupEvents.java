package org.scimlog.directory;

import java.util.List;
import java.util.Map;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Target;

/** Membership events, with Okta's target types: "UserGroup" for groups, "User" for users. */
final class GroupEvents {

    static final String GROUP_TARGET = "UserGroup";

    private GroupEvents() {
    }

    static EventDraft memberAdded(ResolvedMember member, ResolvedMember group) {
        return EventDraft.success(EventType.GROUP_MEMBER_ADD, List.of(target(member), target(group)), Map.of());
    }

    static EventDraft memberRemoved(ResolvedMember member, ResolvedMember group) {
        return EventDraft.success(EventType.GROUP_MEMBER_REMOVE, List.of(target(member), target(group)), Map.of());
    }

    /** The group as a party to membership events. */
    static ResolvedMember asParty(ResourceRecord group) {
        return new ResolvedMember(group.id(), MemberType.GROUP, group.name(), group.name());
    }

    private static Target target(ResolvedMember member) {
        return Target.of(member.id().toString(), member.type() == MemberType.USER ? "User" : GROUP_TARGET,
                member.alternateId(), member.displayName());
    }
}
