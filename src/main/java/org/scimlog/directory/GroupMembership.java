package org.scimlog.directory;

import java.util.UUID;

/** A group a user belongs to: directly (a row names the user) or indirectly (through nested groups). */
public record GroupMembership(UUID groupId, String displayName, boolean direct) {
}
