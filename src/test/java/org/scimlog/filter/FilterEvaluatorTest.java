package org.scimlog.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Predicate<AttributePath> CASE_IGNORED = path -> false;

    private static final JsonNode EMAIL = json("""
            {"type": "work", "value": "BJensen@Example.com", "primary": true, "rank": 3,
             "verified": "2024-05-01T12:00:00Z", "display": "", "tags": ["a", "b"], "nothing": null,
             "name": {"givenName": "Barbara"}, "empty": {}}
            """);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean matches(String filter, JsonNode element) {
        return FilterEvaluator.matches(FilterParser.parse(filter, Dialect.SCIM), element, CASE_IGNORED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "value eq \"bjensen@example.com\"   | true",
            "value eq \"bjensen@example.org\"   | false",
            "VALUE eq \"BJENSEN@EXAMPLE.COM\"   | true",
            "Type eq \"WORK\"                   | true",
            "value co \"@EXAMPLE\"              | true",
            "value sw \"bjen\"                  | true",
            "value ew \".COM\"                  | true",
            "value ew \"example\"               | false",
            "type gt \"home\"                   | true",
            "type lt \"HOME\"                   | false",
            "type ge \"Work\"                   | true",
            "type le \"work\"                   | true",
            "type ne \"home\"                   | true",
            "type ne \"WORK\"                   | false",
    })
    void comparesStringsCaseInsensitivelyByDefault(String filter, boolean expected) {
        assertEquals(expected, matches(filter, EMAIL));
    }

    @Test
    void caseExactPathsCompareStringsAsIs() {
        Predicate<AttributePath> valueIsCaseExact = path -> path.attribute().equals("value");
        Filter lowerCase = FilterParser.parse("value eq \"bjensen@example.com\"", Dialect.SCIM);
        Filter exact = FilterParser.parse("value eq \"BJensen@Example.com\"", Dialect.SCIM);
        Filter typeInOtherCase = FilterParser.parse("type eq \"WORK\"", Dialect.SCIM);
        Filter containsLowerCase = FilterParser.parse("value co \"example\"", Dialect.SCIM);

        assertFalse(FilterEvaluator.matches(lowerCase, EMAIL, valueIsCaseExact));
        assertTrue(FilterEvaluator.matches(exact, EMAIL, valueIsCaseExact));
        assertTrue(FilterEvaluator.matches(typeInOtherCase, EMAIL, valueIsCaseExact));
        assertFalse(FilterEvaluator.matches(containsLowerCase, EMAIL, valueIsCaseExact));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "rank eq 3       | true",
            "rank eq 3.0     | true",
            "rank eq 3e0     | true",
            "rank gt 2.5     | true",
            "rank lt 3       | false",
            "rank le 3       | true",
            "rank ge 4       | false",
            "rank ne 3       | false",
            "rank eq \"3\"   | false",
            "type eq 3       | false",
    })
    void comparesNumbersNumericallyAndNeverAgainstStrings(String filter, boolean expected) {
        assertEquals(expected, matches(filter, EMAIL));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "primary eq true     | true",
            "primary eq false    | false",
            "primary ne false    | true",
            "primary eq \"true\" | false",
            "type eq true        | false",
    })
    void comparesBooleansByValue(String filter, boolean expected) {
        assertEquals(expected, matches(filter, EMAIL));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "verified eq \"2024-05-01T14:00:00+02:00\"  | true",
            "verified gt \"2024-05-01T13:00:00+02:00\"  | true",
            "verified lt \"2024-05-01T12:00:00.001Z\"   | true",
            "verified ge \"2024-05-01T12:00:00.000Z\"   | true",
            "verified gt \"2024-05-01T12:00:01Z\"       | false",
            "verified eq \"2024-05-01\"                 | false",
    })
    void comparesDateTimesAsInstants(String filter, boolean expected) {
        assertEquals(expected, matches(filter, EMAIL));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "missing eq \"x\"   | false",
            "missing co \"x\"   | false",
            "missing gt 1       | false",
            "missing pr         | false",
            "missing ne \"x\"   | true",
            "missing eq null    | true",
            "missing ne null    | false",
            "nothing eq null    | true",
            "nothing pr         | false",
            "nothing ne \"x\"   | true",
            "type eq null       | false",
            "type ne null       | true",
            "name.missing pr    | false",
            "name.missing ne 1  | true",
    })
    void treatsMissingAndNullAttributesAsAbsent(String filter, boolean expected) {
        assertEquals(expected, matches(filter, EMAIL));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "type pr            | true",
            "rank pr            | true",
            "primary pr         | true",
            "display pr         | false",
            "empty pr           | false",
            "name pr            | true",
            "tags pr            | true",
    })
    void presentNeedsANonEmptyValue(String filter, boolean expected) {
        assertEquals(expected, matches(filter, EMAIL));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "name.givenName eq \"barbara\"                        | true",
            "NAME.GIVENNAME sw \"Bar\"                            | true",
            "tags eq \"b\"                                        | true",
            "tags eq \"c\"                                        | false",
            "type eq \"work\" and primary eq true                 | true",
            "type eq \"home\" and primary eq true                 | false",
            "type eq \"home\" or primary eq true                  | true",
            "not (type eq \"home\")                               | true",
            "not (type eq \"work\" or rank gt 100)                | false",
    })
    void followsSubAttributesArraysAndBooleanLogic(String filter, boolean expected) {
        assertEquals(expected, matches(filter, EMAIL));
    }

    @Test
    void nestedValuePathMatchesWhenAnyItemMatches() {
        JsonNode group = json("""
                {"displayName": "Ops", "emails": [{"type": "work", "value": "a@x"}, {"type": "home", "value": "b@y"}]}
                """);

        assertTrue(matches("emails[type eq \"home\" and value ew \"@y\"]", group));
        assertFalse(matches("emails[type eq \"home\" and value ew \"@x\"]", group));
        assertFalse(matches("emails[type eq \"other\"]", group));
        assertFalse(matches("phoneNumbers[type eq \"work\"]", group));
    }

    @Test
    void urnQualifiedPathsLookInsideTheExtensionOrFallBackToCoreAttributes() {
        JsonNode user = json("""
                {"userName": "bjensen",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701984",
                                                                               "manager": {"value": "26118915"}}}
                """);

        assertTrue(matches("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"", user));
        assertTrue(matches("urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:manager.value eq \"26118915\"", user));
        assertTrue(matches("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"BJENSEN\"", user));
        assertFalse(matches("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter pr", user));
    }

    @Test
    void evaluatesPatchValueFilters() {
        Filter members = FilterParser.parsePatchPath("members[value eq \"2819C223\"]").valueFilter();

        assertTrue(FilterEvaluator.matches(members, json("{\"value\": \"2819c223\", \"display\": \"Babs\"}"), CASE_IGNORED));
        assertFalse(FilterEvaluator.matches(members, json("{\"value\": \"902c246b\"}"), CASE_IGNORED));
    }

    @Test
    void nonObjectElementsMatchNothingButNe() {
        JsonNode scalar = json("\"just a string\"");

        assertFalse(matches("value eq \"just a string\"", scalar));
        assertFalse(matches("value pr", scalar));
        assertTrue(matches("value ne \"x\"", scalar));
        assertFalse(FilterEvaluator.matches(FilterParser.parse("value pr", Dialect.SCIM), null, CASE_IGNORED));
    }

    @Test
    void passesTheFilterPathToTheCaseExactPredicate() {
        java.util.List<AttributePath> asked = new java.util.ArrayList<>();
        FilterEvaluator.matches(FilterParser.parse("name.givenName eq \"x\"", Dialect.SCIM), EMAIL,
                path -> asked.add(path) && false);

        assertEquals(java.util.List.of(AttributePath.of("name", "givenName")), asked);
    }
}
