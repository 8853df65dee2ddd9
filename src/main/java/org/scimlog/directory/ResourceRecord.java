package org.scimlog.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored resource of any type: its canonical SCIM document (never id, meta, password or a group's members)
 * and the bookkeeping the server owns. {@code name} is the value of the type's naming attribute (a user's
 * userName, a group's displayName), which names it in System Log targets and conflict messages. version and
 * lastModified move with membership changes too, so ETags stay truthful.
 */
public record ResourceRecord(UUID tenantId, UUID id, @Nullable String name, ObjectNode document, long version,
                             Instant created, Instant lastModified) {

    /** The caller must not mutate the shared tree; it gets its own copy. */
    public ObjectNode documentCopy() {
        return document.deepCopy();
    }

    /** The next version of this resource, holding {@code document}. */
    ResourceRecord next(@Nullable String newName, ObjectNode newDocument, Instant now) {
        return new ResourceRecord(tenantId, id, newName, newDocument, version + 1, created, now);
    }
}
