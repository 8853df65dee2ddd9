package org.scimlog.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterLiteralsTest {

    private static List<String> texts(String filter) {
        return FilterLiterals.textsOf(FilterParser.parse(filter, Dialect.SCIM));
    }

    @Test
    void everyStringComparedAgainstInTheOrderWritten() {
        assertEquals(List.of("ada@example.com", "work", "@example.org", "bob"),
                texts("userName eq \"ada@example.com\" or (emails[type eq \"work\" and value ew \"@example.org\"]"
                        + " and not (displayName sw \"bob\"))"));
    }

    @Test
    void numbersBooleansNullsAndPresenceGiveNone() {
        assertEquals(List.of(), texts("active eq true and meta.version pr and externalId eq null or x.count gt 3"));
    }

    @Test
    void escapedQuotesArriveUnescaped() {
        assertEquals(List.of("O\"Brien"), texts("name.familyName eq \"O\\\"Brien\""));
    }
}
