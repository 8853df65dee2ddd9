package org.scimlog.scim;

import java.util.Optional;
import java.util.UUID;

/** Resource ids in URLs: this server issues UUIDs, so any other text names nothing (404, not 400). */
public final class ResourceIds {

    private ResourceIds() {
    }

    public static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
