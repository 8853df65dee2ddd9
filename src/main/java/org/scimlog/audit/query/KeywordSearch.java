package org.scimlog.audit.query;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.scimlog.audit.Keywords;
import org.scimlog.filter.SqlFragment;

/**
 * The q parameter: space-separated keywords, all of which must equal a whole value of the event (or a
 * part of a hyphenated value), ignoring case. Stored events carry those words in keywords[], so the
 * search is one GIN-indexed containment test.
 */
final class KeywordSearch {

    static final int MAX_KEYWORDS = 10;
    static final int MAX_KEYWORD_LENGTH = Keywords.MAX_QUERY_KEYWORD_LENGTH;

    private KeywordSearch() {
    }

    /** Empty when q has no keywords (Okta's own links send "q="). */
    static Optional<SqlFragment> toSql(String q) {
        String trimmed = q.strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        List<String> keywords = List.of(trimmed.split("\\s+"));
        if (keywords.size() > MAX_KEYWORDS) {
            throw LogQueryException.invalidParameter(LogQueryParameters.Q, "Freeform search cannot contain more than "
                    + MAX_KEYWORDS + " items. Please use fewer keywords or an advanced filter.");
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String keyword : keywords) {
            if (keyword.codePointCount(0, keyword.length()) > MAX_KEYWORD_LENGTH) {
                throw LogQueryException.invalidParameter(LogQueryParameters.Q, "Freeform search cannot contain items "
                        + "longer than " + MAX_KEYWORD_LENGTH + " characters. Please shorten the items in your search "
                        + "or use an advanced filter to query by specific fields.");
            }
            normalised.add(Keywords.normalise(keyword));
        }
        return Optional.of(SqlFragment.of("e.keywords @> ?::text[]", new SqlTextArray(List.copyOf(normalised))));
    }
}
