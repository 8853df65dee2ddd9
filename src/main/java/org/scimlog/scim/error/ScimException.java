package org.scimlog.scim.error;

import io.micronaut.core.annotation.Nullable;

/**
 * A request the SCIM layer refuses, carrying what the error body needs (RFC 7644 §3.12). The detail
 * is shown to the client, so it never holds secrets or internals.
 */
public class ScimException extends RuntimeException {

    private final int status;
    private final ScimType scimType;

    public ScimException(int status, @Nullable ScimType scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimException badRequest(ScimType scimType, String detail) {
        return new ScimException(400, scimType, detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public int status() {
        return status;
    }

    @Nullable
    public ScimType scimType() {
        return scimType;
    }

    public String detail() {
        return getMessage();
    }
}
