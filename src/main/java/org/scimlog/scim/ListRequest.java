package org.scimlog.scim;

import io.micronaut.core.annotation.Nullable;
import org.scimlog.filter.Dialect;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterParser;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * The paging and sorting parameters of RFC 7644 §3.4.2.3–3.4.2.4, already clamped as the RFC says:
 * startIndex below 1 means 1, a negative count means 0, and count never exceeds the configured maximum.
 * The filter is parsed once, here: the query and the search's log event both use it.
 *
 * <p>A {@code cursor} (RFC 9865; "" for the first page) asks for cursor paging instead of startIndex: count
 * must then be positive (invalidCount otherwise, §2.1) and is still capped at the maximum, and startIndex may
 * not come with it (one request, one paging method).
 */
public record ListRequest(@Nullable String filter, @Nullable Filter parsedFilter, @Nullable String sortBy,
                          boolean descending, int startIndex, int count, @Nullable String cursor) {

    public static ListRequest of(@Nullable String filter, @Nullable String sortBy, @Nullable String sortOrder,
                                 @Nullable String startIndex, @Nullable String count, ListSettings settings) {
        return of(filter, sortBy, sortOrder, startIndex, count, null, settings);
    }

    public static ListRequest of(@Nullable String filter, @Nullable String sortBy, @Nullable String sortOrder,
                                 @Nullable String startIndex, @Nullable String count, @Nullable String cursor,
                                 ListSettings settings) {
        int start = Math.max(1, parse("startIndex", startIndex, 1, ScimType.INVALID_VALUE));
        int size;
        if (cursor == null) {
            size = Math.min(Math.max(0, parse("count", count, settings.defaultCount(), ScimType.INVALID_VALUE)), settings.maxCount());
        } else {
            if (startIndex != null && !startIndex.isBlank()) {
                throw ScimException.badRequest(ScimType.INVALID_VALUE, "startIndex and cursor are two ways of paging "
                        + "(RFC 7644 §3.4.2.4, RFC 9865): send one of them, not both.");
            }
            int requested = parse("count", count, settings.defaultCount(), ScimType.INVALID_COUNT);
            if (requested < 1) {
                throw ScimException.badRequest(ScimType.INVALID_COUNT, "With a cursor, count must be between 1 and "
                        + settings.maxCount() + " (RFC 9865).");
            }
            size = Math.min(requested, settings.maxCount());
        }
        boolean descending;
        if (sortOrder == null || sortOrder.isEmpty() || sortOrder.equalsIgnoreCase("ascending")) {
            descending = false;
        } else if (sortOrder.equalsIgnoreCase("descending")) {
            descending = true;
        } else {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, "sortOrder must be 'ascending' or 'descending'.");
        }
        String filterText = blankToNull(filter);
        return new ListRequest(filterText, filterText == null ? null : parseFilter(filterText), blankToNull(sortBy),
                descending, start, size, cursor == null ? null : cursor.trim());
    }

    /** RFC 9865: the request pages by cursor (an empty cursor asks for the first page). */
    public boolean cursorPaging() {
        return cursor != null;
    }

    private static Filter parseFilter(String filter) {
        try {
            return FilterParser.parse(filter, Dialect.SCIM);
        } catch (FilterException e) {
            throw ListQueries.invalidFilter(e);
        }
    }

    private static int parse(String name, @Nullable String value, int fallback, ScimType invalid) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parsed));
        } catch (NumberFormatException e) {
            throw ScimException.badRequest(invalid, name + " must be an integer.");
        }
    }

    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
