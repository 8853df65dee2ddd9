package org.scimlog.scim.bulk;

import java.util.Arrays;
import java.util.Optional;

/** The resource endpoints a bulk operation may address. */
enum Endpoint {
    USERS("/Users", "User", "User"),
    GROUPS("/Groups", "Group", "UserGroup");

    private final String path;
    private final String resourceName;
    private final String targetType;

    Endpoint(String path, String resourceName, String targetType) {
        this.path = path;
        this.resourceName = resourceName;
        this.targetType = targetType;
    }

    static Optional<Endpoint> of(String path) {
        return Arrays.stream(values()).filter(e -> e.path.equals(path)).findFirst();
    }

    String path() {
        return path;
    }

    /** As error details name it: "User 'x' not found." */
    String resourceName() {
        return resourceName;
    }

    /** As System Log targets name it (Okta's "UserGroup" for groups). */
    String targetType() {
        return targetType;
    }
}
