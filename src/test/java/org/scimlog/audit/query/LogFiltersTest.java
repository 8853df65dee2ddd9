package org.scimlog.audit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimlog.filter.SqlFragment;

/** The SQL a filter becomes: indexed columns where they exist, and request text only ever as parameters. */
class LogFiltersTest {

    @Test
    void indexedPathsUseTheirColumns() {
        assertEquals("e.event_type = ?", LogFilters.toSql("eventType eq \"a\"").sql());
        SqlFragment target = LogFilters.toSql("target.id eq \"00uA\"");
        assertEquals("(e.keywords @> ?::text[] AND e.target_ids @> ARRAY[?]::text[])", target.sql());
        assertEquals(List.of(new SqlTextArray(List.of("00ua")), "00uA"), target.parameters(),
                "found as a keyword, then checked exactly");
        SqlFragment request = LogFilters.toSql("transaction.id eq \"XoX-1\"");
        assertEquals("(e.keywords @> ?::text[] AND e.transaction_id = ?)", request.sql());
        assertEquals(List.of(new SqlTextArray(List.of("xox-1")), "XoX-1"), request.parameters());
        String tooLongForAKeyword = "x".repeat(201);
        SqlFragment neverAKeyword = LogFilters.toSql("target.id eq \"" + tooLongForAKeyword + "\"");
        assertEquals(target.sql(), neverAKeyword.sql(), "the same statement");
        assertEquals(new SqlTextArray(List.of()), neverAKeyword.parameters().get(0),
                "never stored as a keyword: an empty array, which every event's keywords contain");
        SqlFragment q = KeywordSearch.toSql("A b").orElseThrow();
        assertEquals("/* q */ e.keywords @> ?::text[]", q.sql());
        assertTrue(KeywordSearch.in(q.and(target)), "q is told apart from exact filters served by the same index");
        assertFalse(KeywordSearch.in(target), "target.id eq is no q search: no ordered walk for a rare id");
        assertEquals(List.of(new SqlTextArray(List.of("a", "b"))), KeywordSearch.toSql(" A  b a ").orElseThrow().parameters());
    }

    @Test
    void jsonPathSegmentsTravelAsATextArrayParameter() {
        SqlFragment sql = LogFilters.toSql("debug_context.debugData.request_id eq \"x\"");
        assertFalse(sql.sql().contains("request"), sql.sql());
        assertFalse(sql.sql().contains("debug"), sql.sql());
        assertEquals(new SqlTextArray(List.of("debugContext", "debugData", "requestId")), sql.parameters().get(0));
        assertEquals("x", sql.parameters().get(1));
    }

    @Test
    void snakeCaseBecomesCamelCase() {
        assertEquals("displayMessage", LogEventFields.camelCase("display_message"));
        assertEquals("requestApiTokenId", LogEventFields.camelCase("request_api_token_id"));
        assertEquals("eventType", LogEventFields.camelCase("eventType"));
        assertEquals("x", LogEventFields.camelCase("_x"));
    }

    @Test
    void aBracketOpensAValuePathOnlyAfterAnAttributePath() {
        assertTrue(LogFilters.opensValuePath("target[id eq \"x\"]", 6));
        assertTrue(LogFilters.opensValuePath("a eq 1 or target.x  [id eq \"x\"]", 20));
        assertFalse(LogFilters.opensValuePath("eventType eq [", 13));
        assertFalse(LogFilters.opensValuePath("eventType pr [", 13));
        assertFalse(LogFilters.opensValuePath("eventType eq true[", 17));
        assertFalse(LogFilters.opensValuePath("([", 1));
        assertFalse(LogFilters.opensValuePath("eventType", 3));
        assertFalse(LogFilters.opensValuePath("x", -1));
    }
}
