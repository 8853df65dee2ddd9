package org.scimlog.scim.bulk;

import java.util.Arrays;
import java.util.Optional;

/** The HTTP methods a bulk operation may use (RFC 7644 §3.7). */
enum BulkMethod {
    POST, PUT, PATCH, DELETE;

    /** Exact, upper-case names only: the RFC spells them so, and a near miss is more likely a client bug. */
    static Optional<BulkMethod> of(String name) {
        return Arrays.stream(values()).filter(m -> m.name().equals(name)).findFirst();
    }

    boolean needsData() {
        return this != DELETE;
    }
}
