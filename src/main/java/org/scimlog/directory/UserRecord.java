package org.scimlog.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** A stored user: its canonical SCIM document and the bookkeeping the server owns (id, version, times). */
public record UserRecord(UUID tenantId, UUID id, String userName, ObjectNode document, long version,
                         Instant created, Instant lastModified) {

    /** The caller must not mutate the shared tree; it gets its own copy. */
    public ObjectNode documentCopy() {
        return document.deepCopy();
    }
}
