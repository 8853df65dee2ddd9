package org.scimlog.scim.patch;

import java.util.Objects;
import org.scimlog.scim.error.ScimType;

/**
 * A PATCH request that cannot be applied. The caller answers it with HTTP 400 and this scimType; the
 * detail goes to the client verbatim, so it names the operation and path and never holds internals.
 */
public final class PatchException extends RuntimeException {

    private final ScimType scimType;

    public PatchException(ScimType scimType, String detail) {
        // No stack trace: this is an answer to a client, not a fault in the server.
        super(detail, null, false, false);
        this.scimType = Objects.requireNonNull(scimType, "scimType");
    }

    public ScimType scimType() {
        return scimType;
    }

    public String detail() {
        return getMessage();
    }

    /** The same error, prefixed with where in the request it happened. */
    PatchException within(String location) {
        return new PatchException(scimType, location + ": " + getMessage());
    }
}
