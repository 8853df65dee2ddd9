package org.scimlog.scim.bulk;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/** A bulk operation's "path": an endpoint ("/Users") or one resource of it ("/Users/{id}"). */
record ResourcePath(Endpoint endpoint, @Nullable String id) {

    static Optional<ResourcePath> parse(@Nullable String path) {
        if (path == null) {
            return Optional.empty();
        }
        int slash = path.indexOf('/', 1);
        if (slash < 0) {
            return Endpoint.of(path).map(endpoint -> new ResourcePath(endpoint, null));
        }
        String id = path.substring(slash + 1);
        if (id.isEmpty() || id.contains("/")) {
            return Optional.empty();
        }
        return Endpoint.of(path.substring(0, slash)).map(endpoint -> new ResourcePath(endpoint, id));
    }
}
