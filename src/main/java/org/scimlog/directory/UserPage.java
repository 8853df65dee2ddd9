package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A page of users, the exact number that matched, (when asked for) each user's groups, and a keyset page's edges. */
public record UserPage(long total, List<UserRecord> users, Map<UUID, List<GroupMembership>> groups,
                       @Nullable PageEdges edges) {

    public UserPage {
        users = List.copyOf(users);
        groups = Map.copyOf(groups);
    }

    public UserPage(long total, List<UserRecord> users) {
        this(total, users, Map.of(), null);
    }

    UserPage(long total, List<UserRecord> users, @Nullable PageEdges edges) {
        this(total, users, Map.of(), edges);
    }

    UserPage withGroups(Map<UUID, List<GroupMembership>> memberships) {
        return new UserPage(total, users, memberships, edges);
    }
}
