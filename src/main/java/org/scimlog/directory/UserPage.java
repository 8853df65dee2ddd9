package org.scimlog.directory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A page of users, the exact number that matched, and (when asked for) each user's groups. */
public record UserPage(long total, List<UserRecord> users, Map<UUID, List<GroupMembership>> groups) {

    public UserPage {
        users = List.copyOf(users);
        groups = Map.copyOf(groups);
    }

    public UserPage(long total, List<UserRecord> users) {
        this(total, users, Map.of());
    }

    UserPage withGroups(Map<UUID, List<GroupMembership>> memberships) {
        return new UserPage(total, users, memberships);
    }
}
