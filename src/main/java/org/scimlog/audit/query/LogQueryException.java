package org.scimlog.audit.query;

import java.util.List;

/** A log query refused with an Okta error; {@link LogQueryExceptionHandler} turns it into the response. */
public final class LogQueryException extends RuntimeException {

    private final OktaError error;
    private final List<String> causes;

    public LogQueryException(OktaError error, String summary, List<String> causes) {
        super(summary);
        this.error = error;
        this.causes = List.copyOf(causes);
    }

    /**
     * A bad query parameter, worded as Okta words them: "Api validation failed: 'limit': ..." with the
     * cause repeated as "limit: ...".
     */
    public static LogQueryException invalidParameter(String parameter, String problem) {
        return new LogQueryException(OktaError.INVALID_PARAMETER,
                OktaError.INVALID_PARAMETER.summary() + ": '" + parameter + "': " + problem,
                List.of(parameter + ": " + problem));
    }

    public OktaError error() {
        return error;
    }

    public List<String> causes() {
        return causes;
    }
}
