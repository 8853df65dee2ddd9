package org.scimlog.filter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every malformed filter must fail with a FilterException that points at the offending character. */
class MalformedFilterTest {

    static Stream<Arguments> malformedFilters() {
        return Stream.of(
                arguments("", 0, "expected an attribute path"),
                arguments("   ", 3, "found end of input"),
                arguments("userName eq", 11, "expected a value"),
                arguments("userName eq \"x", 12, "unterminated string"),
                arguments("userName xx \"a\"", 9, "expected a comparison operator"),
                arguments("userName eqq \"a\"", 9, "but found 'eqq'"),
                arguments("userName \"a\"", 9, "expected a comparison operator"),
                arguments("userName", 8, "expected a comparison operator"),
                arguments("(userName eq \"a\"", 16, "expected ')'"),
                arguments("userName eq \"a\")", 15, "but found ')'"),
                arguments("((userName eq \"a\")", 18, "expected ')'"),
                arguments("emails[type eq \"w\"", 18, "expected ']'"),
                arguments("emails[type eq \"w\"]]", 19, "but found ']'"),
                arguments("emails[type eq \"w\" and (value co \"x\"]", 36, "expected ')'"),
                arguments("emails[]", 7, "expected an attribute path"),
                arguments("userName eq \"a\" garbage", 16, "but found 'garbage'"),
                arguments("userName eq \"a\" and", 19, "found end of input"),
                arguments("userName eq \"a\" or or userName eq \"b\"", 19, "expected an attribute path"),
                arguments("not userName eq \"a\"", 4, "expected '(' after 'not'"),
                arguments("userName eq \"a\" and not", 23, "expected '(' after 'not'"),
                arguments("userName pr \"x\"", 12, "'pr' takes no value"),
                arguments("userName pr true", 12, "'pr' takes no value"),
                arguments("userName gt true", 12, "not ordered"),
                arguments("userName le null", 12, "not ordered"),
                arguments("title co 5", 9, "needs a string"),
                arguments("title sw false", 9, "needs a string"),
                arguments("title ew null", 9, "needs a string"),
                arguments("userName eq bjensen", 12, "expected a value"),
                arguments("userName eq 'bjensen'", 12, "expected a value"),
                arguments("userName eq 01", 12, "expected a value"),
                arguments("userName eq +1", 12, "expected a value"),
                arguments("userName eq .5", 12, "expected a value"),
                arguments("userName eq -", 12, "expected a value"),
                arguments("userName eq 1e999999999999", 12, "out of range"),
                arguments("userName eq \"a\\x\"", 14, "invalid escape"),
                arguments("userName eq \"\\u00g1\"", 13, "invalid escape"),
                arguments("userName eq \"\\u00e\"", 13, "invalid escape"),
                arguments("userName eq \"a\\", 14, "invalid escape"),
                arguments("userName eq \"tab\there\"", 16, "control characters"),
                arguments("emails[type[value eq \"x\"]]", 11, "cannot be nested"),
                // Entra's form, emails[type eq "work"].value eq "x", broken in each place it can be
                arguments("emails[type eq \"w\"].value", 25, "expected a comparison operator"),
                arguments("emails[type eq \"w\"].value eq", 28, "expected a value"),
                arguments("emails[type eq \"w\"].value pr \"x\"", 29, "'pr' takes no value"),
                arguments("emails[type eq \"w\"].value co 5", 29, "needs a string"),
                arguments("emails[type eq \"w\"]. eq \"x\"", 20, "expected an attribute name"),
                arguments("emails[type eq \"w\"].value.display eq \"x\"", 25, "too deep"),
                arguments("emails[type eq \"w\"].urn:x:y:value eq \"x\"", 20, "expected an attribute name"),
                arguments("emails[type eq \"w\"] .value eq \"x\"", 20, "but found '.value'"),
                arguments("emails[type eq \"w\"].value[primary eq true] eq \"x\"", 25, "expected a comparison operator"),
                arguments("emails[type[value eq \"x\"]].value eq \"y\"", 11, "cannot be nested"),
                arguments("emails[type eq \"w\"].value eq \"x\" garbage", 33, "but found 'garbage'"),
                arguments("name.givenName[value eq \"x\"]", 14, "top-level attribute"),
                arguments("name.givenName.initial eq \"x\"", 14, "too deep"),
                arguments("1abc eq \"a\"", 0, "expected an attribute name"),
                arguments("name. eq \"a\"", 5, "expected an attribute name"),
                arguments("name..x eq \"a\"", 5, "expected an attribute name"),
                arguments("user@name eq \"a\"", 0, "expected an attribute name"),
                arguments("urn:foo eq \"a\"", 0, "expected a schema URN"),
                arguments("urn:ietf:params:scim:schemas:core:2.0:User: eq \"a\"", 43, "expected an attribute name"),
                arguments("()", 1, "expected an attribute path"),
                arguments("not (\"a\" eq \"b\")", 5, "expected an attribute path"),
                arguments("\"userName\" eq \"a\"", 0, "expected an attribute path"),
                arguments("userName eq \"a\" and )", 20, "expected an attribute path"),
                arguments("x".repeat(10_001), 10_000, "longer than"),
                arguments("(".repeat(60) + "a pr" + ")".repeat(60), 50, "nested deeper than 50"),
                arguments("not (".repeat(51) + "a pr" + ")".repeat(51), 254, "nested deeper than 50"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedFilters")
    void rejectsMalformedFilter(String text, int expectedPosition, String expectedMessagePart) {
        FilterException error = assertThrows(FilterException.class, () -> FilterParser.parse(text, Dialect.SCIM));

        assertEquals(expectedPosition, error.position(), error.getMessage());
        assertTrue(error.getMessage().contains(expectedMessagePart),
                () -> "message '" + error.getMessage() + "' should contain '" + expectedMessagePart + "'");
        assertTrue(error.getMessage().contains("position " + expectedPosition),
                () -> "message '" + error.getMessage() + "' should name position " + expectedPosition);
    }

    static Stream<Arguments> malformedSystemLogFilters() {
        return Stream.of(
                arguments("target[type eq \"User\"]", 6, "not supported in System Log filters"),
                arguments("actor.alternateId eq", 20, "expected a value"),
                arguments("debugContext..requestId pr", 13, "expected an attribute name"),
                arguments("eventType eq \"a\" and", 20, "found end of input"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedSystemLogFilters")
    void rejectsMalformedSystemLogFilter(String text, int expectedPosition, String expectedMessagePart) {
        FilterException error = assertThrows(FilterException.class, () -> FilterParser.parse(text, Dialect.OKTA_LOG));

        assertEquals(expectedPosition, error.position(), error.getMessage());
        assertTrue(error.getMessage().contains(expectedMessagePart), error.getMessage());
    }
}
