package org.scimlog.scim.bulk;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;
import org.scimlog.scim.ResourceHandler;
import org.scimlog.scim.ResourceHandlers;

/** A bulk operation's "path": the endpoint of a type served ("/Users") or one resource of it ("/Users/{id}"). */
record ResourcePath(ResourceHandler handler, @Nullable String id) {

    static Optional<ResourcePath> parse(@Nullable String path, ResourceHandlers handlers) {
        if (path == null) {
            return Optional.empty();
        }
        int slash = path.indexOf('/', 1);
        if (slash < 0) {
            return handlers.atEndpoint(path).map(handler -> new ResourcePath(handler, null));
        }
        String id = path.substring(slash + 1);
        if (id.isEmpty() || id.contains("/")) {
            return Optional.empty();
        }
        return handlers.atEndpoint(path.substring(0, slash)).map(handler -> new ResourcePath(handler, id));
    }
}
