package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * A user or group of the tenant that is (or is about to be) a member, with the names its events show:
 * for a user its userName and displayName, for a group its displayName twice.
 */
record ResolvedMember(UUID id, MemberType type, String alternateId, @Nullable String displayName) {

    /** What "display" shows when the client sent none. */
    String defaultDisplay() {
        return displayName != null ? displayName : alternateId;
    }
}
