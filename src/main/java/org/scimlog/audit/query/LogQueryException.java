package org.scimlog.audit.query;

import java.util.List;
import java.util.StringJoiner;

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
        return invalidParameter(parameter, List.of(problem));
    }

    /**
     * Several problems with one parameter, joined as Okta joins them: "Api validation failed: 'until': A..
     * 'until': B." (the doubled dot is Okta's), one cause per problem.
     */
    public static LogQueryException invalidParameter(String parameter, List<String> problems) {
        StringJoiner summary = new StringJoiner(". ", OktaError.INVALID_PARAMETER.summary() + ": ", "");
        problems.forEach(problem -> summary.add("'" + parameter + "': " + problem));
        return new LogQueryException(OktaError.INVALID_PARAMETER, summary.toString(),
                problems.stream().map(problem -> parameter + ": " + problem).toList());
    }

    public OktaError error() {
        return error;
    }

    public List<String> causes() {
        return causes;
    }
}
