package org.scimlog.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;

/**
 * What an event is about (Okta's LogTarget). changeDetails carry the before and after values of the
 * attributes that changed; callers never put secrets in them. {@code id} is null only for a resource a
 * refused create named, which never got one.
 */
public record Target(@Nullable String id, String type, @Nullable String alternateId, @Nullable String displayName,
                     @Nullable ObjectNode changedFrom, @Nullable ObjectNode changedTo) {

    public static Target of(@Nullable String id, String type, @Nullable String alternateId, @Nullable String displayName) {
        return new Target(id, type, alternateId, displayName, null, null);
    }

    public Target withChanges(ObjectNode from, ObjectNode to) {
        return new Target(id, type, alternateId, displayName, from, to);
    }
}
