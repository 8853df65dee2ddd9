package org.scimlog.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterTextTest {

    private static String printed(String filter) {
        return FilterText.of(FilterParser.parse(filter, Dialect.SCIM));
    }

    @Test
    void whatOktaAndEntraSendPrintsAsSent() {
        assertEquals("userName eq \"ada@example.com\"", printed("userName eq \"ada@example.com\""));
        assertEquals("externalId eq \"00u1\" and active eq true", printed("externalId eq \"00u1\" and active eq true"));
        assertEquals("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"42\"",
                printed("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"42\""));
    }

    @Test
    void spacingAndKeywordCaseGetOneSpelling() {
        assertEquals("userName eq \"a\" and title pr", printed("  userName   EQ \"a\"\tAND(title PR)"));
        assertEquals("not (emails[type eq \"work\"])", printed("NOT(emails[type Eq \"work\"])"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a pr and b pr and c pr | a pr and b pr and c pr",
            "a pr or b pr or c pr | a pr or b pr or c pr",
            "a pr and (b pr and c pr) | a pr and (b pr and c pr)",
            "a pr or (b pr or c pr) | a pr or (b pr or c pr)",
            "(a pr or b pr) and c pr | (a pr or b pr) and c pr",
            "a pr and (b pr or c pr) | a pr and (b pr or c pr)",
            "(a pr and b pr) or c pr | a pr and b pr or c pr",
            "a pr or (b pr and c pr) | a pr or b pr and c pr",
            "((a pr)) | a pr",
            "not (a pr or b pr) and c pr | not (a pr or b pr) and c pr"})
    void parenthesesOnlyWhereTheTreeNeedsThem(String filter, String expected) {
        assertEquals(expected, printed(filter));
    }

    @Test
    void literalsAsJson() {
        assertEquals("name.familyName eq \"O\\\"Brien \\\\ \\n\"", printed("name.familyName eq \"O\\\"Brien \\\\ \\n\""));
        assertEquals("title eq \"/é\"", printed("title eq \"\\/\\u00e9\""));
        assertEquals("x eq 1.10 and y gt -3 and z lt 1E+5 and w eq 1E-999", printed("x eq 1.10 and y gt -3 and z lt 1e5 and w eq 1e-999"));
        assertEquals("a eq true or b eq false or c eq null", printed("a eq TRUE or b eq False or c eq null"));
    }

    @Test
    void patchPathsAsSent() {
        assertEquals("emails[type eq \"work\"].value", FilterText.of(FilterParser.parsePatchPath("emails[type eq \"work\"].value")));
        assertEquals("members[value eq \"1\" or value eq \"2\"]",
                FilterText.of(FilterParser.parsePatchPath("members[value eq \"1\" or value eq \"2\"]")));
        assertEquals("name.familyName", FilterText.of(FilterParser.parsePatchPath("name.familyName")));
    }
}
