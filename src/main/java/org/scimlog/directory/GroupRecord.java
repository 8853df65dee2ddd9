package org.scimlog.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored group without its members: the document never holds them (they are rows of group_member, read
 * only when a response needs them). version and lastModified move with membership changes too, so ETags
 * stay truthful.
 */
public record GroupRecord(UUID tenantId, UUID id, String displayName, ObjectNode document, long version,
                          Instant created, Instant lastModified) {

    /** The caller must not mutate the shared tree; it gets its own copy. */
    public ObjectNode documentCopy() {
        return document.deepCopy();
    }
}
