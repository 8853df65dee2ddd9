package org.scimlog.audit.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters exactly as the client sent them (null when absent). Kept raw so the Link headers
 * echo what the client asked for, and validated separately by {@link LogQueryInterpreter}.
 */
record LogQueryParameters(@Nullable String since, @Nullable String until, @Nullable String after,
                          @Nullable String filter, @Nullable String q, @Nullable String limit,
                          @Nullable String sortOrder) {

    static final String SINCE = "since";
    static final String UNTIL = "until";
    static final String AFTER = "after";
    static final String FILTER = "filter";
    static final String Q = "q";
    static final String LIMIT = "limit";
    static final String SORT_ORDER = "sortOrder";

    /** Unknown parameters are ignored, as Okta ignores them; a known one given twice is ambiguous and refused. */
    static LogQueryParameters from(HttpParameters parameters) {
        return new LogQueryParameters(single(parameters, SINCE), single(parameters, UNTIL), single(parameters, AFTER),
                single(parameters, FILTER), single(parameters, Q), single(parameters, LIMIT),
                single(parameters, SORT_ORDER));
    }

    /** The parameters to echo in links, in a fixed order, with after replaced (or removed when null). */
    Map<String, String> withAfter(@Nullable String newAfter) {
        Map<String, String> echoed = new LinkedHashMap<>();
        putIfPresent(echoed, SINCE, since);
        putIfPresent(echoed, UNTIL, until);
        putIfPresent(echoed, FILTER, filter);
        putIfPresent(echoed, Q, q);
        putIfPresent(echoed, LIMIT, limit);
        putIfPresent(echoed, SORT_ORDER, sortOrder);
        putIfPresent(echoed, AFTER, newAfter);
        return echoed;
    }

    Map<String, String> asSent() {
        return withAfter(after);
    }

    private static void putIfPresent(Map<String, String> map, String name, @Nullable String value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    private static String single(HttpParameters parameters, String name) {
        List<String> values = parameters.getAll(name);
        if (values.size() > 1) {
            throw LogQueryException.invalidParameter(name, "must be given at most once.");
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
