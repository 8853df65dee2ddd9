package org.scimlog.audit.query;

/**
 * The Okta error codes this API answers with. Clients branch on {@link #code()} only (Okta: "Only the
 * errorCode property is supported for runtime error flow control"), so the codes follow Okta's catalog
 * and the summaries may read as ours.
 */
public enum OktaError {
    INVALID_PARAMETER(400, "E0000001", "Api validation failed"),
    INVALID_FILTER(400, "E0000053", "Invalid filter"),
    UNSUPPORTED_SEARCH(400, "E0000031", "Invalid search criteria."),
    INVALID_TOKEN(401, "E0000011", "Invalid token provided"),
    FORBIDDEN(403, "E0000006", "You do not have permission to perform the requested action"),
    NOT_FOUND(404, "E0000007", "Not found: Resource not found"),
    /** A name already taken (Okta answers such cases with its validation code; the status says conflict). */
    CONFLICT(409, "E0000001", "Api validation failed"),
    METHOD_NOT_ALLOWED(405, "E0000022", "The endpoint does not support the provided HTTP method"),
    RATE_LIMITED(429, "E0000047", "API call exceeded rate limit due to too many requests."),
    INTERNAL(500, "E0000009", "Internal Server Error"),
    /**
     * The database is unreachable or a statement ran out of time. Okta's catalog names no code for a
     * temporary outage, so this is its server-failure code with the 503 status and a Retry-After.
     */
    UNAVAILABLE(503, "E0000009", "Service temporarily unavailable; retry later");

    private final int status;
    private final String code;
    private final String summary;

    OktaError(int status, String code, String summary) {
        this.status = status;
        this.code = code;
        this.summary = summary;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The summary used when nothing more specific is known, e.g. for errors the framework raises. */
    public String summary() {
        return summary;
    }

    /** The error for a status the framework produced before our code ran (routing, authentication, limits). */
    public static OktaError forStatus(int status) {
        for (OktaError error : values()) {
            if (error.status == status && error != INVALID_FILTER && error != UNSUPPORTED_SEARCH) {
                return error;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_PARAMETER;
    }
}
