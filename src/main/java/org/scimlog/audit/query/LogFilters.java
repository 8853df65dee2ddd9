package org.scimlog.audit.query;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scimlog.filter.Dialect;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterParser;
import org.scimlog.filter.FilterSql;
import org.scimlog.filter.SqlFragment;

/**
 * The filter parameter: Okta's grammar to one SQL condition, with Okta's error codes. Text that is not a
 * filter is E0000053; a well-formed filter asking for something the System Log does not offer (published,
 * value paths, schema URNs) is E0000031.
 */
final class LogFilters {

    /** Words that may stand before a '[' without it opening a value path. */
    private static final Set<String> NOT_PATHS = Set.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr",
            "and", "or", "not", "true", "false", "null");

    private LogFilters() {
    }

    static SqlFragment toSql(String text) {
        Filter filter;
        try {
            filter = FilterParser.parse(text, Dialect.OKTA_LOG);
        } catch (FilterException e) {
            if (opensValuePath(text, e.position())) {
                throw unsupported("value filters ('[...]') are not supported in System Log filters, at position "
                        + e.position());
            }
            throw invalid(e);
        }
        try {
            return FilterSql.toSql(filter, LogEventFields.INSTANCE);
        } catch (FilterException e) {
            throw invalid(e);
        }
    }

    static LogQueryException unsupported(String problem) {
        return new LogQueryException(OktaError.UNSUPPORTED_SEARCH,
                "The supplied combination of operator and field is not currently supported: " + problem,
                List.of("filter: " + problem));
    }

    private static LogQueryException invalid(FilterException e) {
        String problem = e.getMessage();
        if (e.position() != FilterException.NO_POSITION && !problem.contains("position")) {
            problem += " at position " + e.position();
        }
        return new LogQueryException(OktaError.INVALID_FILTER, "Invalid filter: " + problem,
                List.of("filter: " + problem));
    }

    /**
     * Whether the parser stopped at a '[' that follows an attribute path, i.e. at a SCIM value path, which
     * Okta's grammar leaves out. The parser reports only where it stopped, so the word before the bracket
     * decides: an operator, keyword or literal there means the '[' is simply misplaced (E0000053).
     */
    static boolean opensValuePath(String text, int position) {
        if (position < 0 || position >= text.length() || text.charAt(position) != '[') {
            return false;
        }
        int end = position;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && isPathChar(text.charAt(start - 1))) {
            start--;
        }
        String word = text.substring(start, end);
        return !word.isEmpty() && Character.isLetter(word.charAt(0))
                && !NOT_PATHS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static boolean isPathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == ':' || c == '$';
    }
}
