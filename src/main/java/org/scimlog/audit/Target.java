package org.scimlog.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;

/**
 * What an event is about (Okta's LogTarget). changeDetails carry the before and after values of the
 * attributes that changed; callers never put secrets in them.
 */
public record Target(String id, String type, @Nullable String alternateId, @Nullable String displayName,
                     @Nullable ObjectNode changedFrom, @Nullable ObjectNode changedTo) {

    public static Target of(String id, String type, @Nullable String alternateId, @Nullable String displayName) {
        return new Target(id, type, alternateId, displayName, null, null);
    }

    public Target withChanges(ObjectNode from, ObjectNode to) {
        return new Target(id, type, alternateId, displayName, from, to);
    }
}
