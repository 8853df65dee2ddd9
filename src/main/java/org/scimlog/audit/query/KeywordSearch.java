package org.scimlog.audit.query;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.scimlog.audit.Keywords;
import org.scimlog.filter.SqlFragment;

/**
 * The q parameter: keywords separated by spaces, all of which must equal a whole value of the event or one
 * of its words (split at spaces and hyphens, see {@link Keywords}), ignoring case. Stored events carry those
 * words in keywords[], so the condition is one containment test that a GIN index can answer.
 * <p>
 * How a page is found depends on how common the keywords are, which the statistics cannot be trusted to
 * tell (a tenant's events arrive faster than they are analysed, and a word can be rare in one tenant and in
 * every event of another). {@link LogEventReader} first walks the page's order and checks the keywords on
 * each event, up to {@link #walkBudget} events: a common word ("okta", "success") fills the page within a
 * few events. Only when the walk does not fill the page are the matches looked up in the GIN index, in
 * slices of the range growing from an hour, in the page's order, so a page costs the matches of the slices
 * it spans, not all matches of the week.
 */
final class KeywordSearch {

    static final int MAX_KEYWORDS = 10;
    static final int MAX_KEYWORD_LENGTH = Keywords.MAX_QUERY_KEYWORD_LENGTH;
    /** Marks the condition as q's, so the reader can tell it from an exact filter served by the same index. */
    private static final String CONDITION = "/* q */ e.keywords @> ?::text[]";
    private static final int MIN_WALK = 200;
    private static final int MAX_WALK = 20_000;
    private static final int WALK_PER_ROW = 20;

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
        return Optional.of(SqlFragment.of(CONDITION, new SqlTextArray(List.copyOf(normalised))));
    }

    /** Whether {@code conditions} (filter and q as one condition) contain a q search. */
    static boolean in(SqlFragment conditions) {
        return conditions.sql().contains(CONDITION);
    }

    /**
     * How many events the ordered walk reads before the index is asked instead, for a page of {@code rows}
     * rows: a word on at least one event in {@value #WALK_PER_ROW} fills its page within the walk. Each event
     * walked costs its row and its keywords read from the table (some 10 microseconds warm, measured at a
     * million events), each match the index lists about as much, so the walk is kept short and words below
     * that frequency are looked up in the index (see {@link LogEventReader}).
     */
    static int walkBudget(int rows) {
        return Math.max(MIN_WALK, Math.min(MAX_WALK, WALK_PER_ROW * rows));
    }

    /**
     * After a walk of {@code walked} events found {@code found} of the {@code wanted} rows: a walk long enough
     * to fill the page at the frequency it saw (a quarter more, for chance), if that stays within
     * {@value #MAX_WALK} events. A word on one event in 30 to 150 (an event type, an outcome, a client's IP
     * address at 10 million events) then costs one more walk, which reads the newest events again from the
     * cache, where the index would have listed and sorted thousands of matches. Empty when the walk met no
     * match (the word is rare: ask the index) or the page would need a longer walk.
     */
    static OptionalInt longerWalk(int walked, int found, int wanted) {
        if (found == 0 || found >= wanted) {
            return OptionalInt.empty();
        }
        double needed = Math.ceil(walked * (double) wanted / found * 1.25);
        return needed <= MAX_WALK ? OptionalInt.of((int) needed) : OptionalInt.empty();
    }
}
