package org.scimlog.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PatchPathTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static Filter.Comparison eq(String attribute, String text) {
        return new Filter.Comparison(AttributePath.of(attribute), Operator.EQ, new FilterValue.Text(text));
    }

    @Test
    void parsesPlainAttribute() {
        assertEquals(new PatchPath(AttributePath.of("members"), null, null), FilterParser.parsePatchPath("members"));
    }

    @Test
    void parsesSubAttribute() {
        assertEquals(new PatchPath(AttributePath.of("name", "familyName"), null, null),
                FilterParser.parsePatchPath("name.familyName"));
    }

    @Test
    void parsesValueFilterWithSubAttribute() {
        assertEquals(new PatchPath(AttributePath.of("emails"), eq("type", "work"), "value"),
                FilterParser.parsePatchPath("emails[type eq \"work\"].value"));
    }

    @Test
    void parsesValueFilterWithoutSubAttribute() {
        assertEquals(new PatchPath(AttributePath.of("members"), eq("value", "2819c223-7f76-453a-919d-413861904646"), null),
                FilterParser.parsePatchPath("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]"));
    }

    @Test
    void parsesValueFilterWithBooleanLogic() {
        PatchPath path = FilterParser.parsePatchPath("addresses[type eq \"work\" and primary eq true].streetAddress");

        Filter expected = new Filter.And(eq("type", "work"),
                new Filter.Comparison(AttributePath.of("primary"), Operator.EQ, new FilterValue.Bool(true)));
        assertEquals(new PatchPath(AttributePath.of("addresses"), expected, "streetAddress"), path);
    }

    @Test
    void parsesUrnQualifiedExtensionAttribute() {
        assertEquals(new PatchPath(new AttributePath(ENTERPRISE, List.of("manager")), null, null),
                FilterParser.parsePatchPath(ENTERPRISE + ":manager"));
    }

    @Test
    void parsesUrnQualifiedExtensionSubAttribute() {
        assertEquals(new PatchPath(new AttributePath(ENTERPRISE, List.of("manager", "value")), null, null),
                FilterParser.parsePatchPath(ENTERPRISE + ":manager.value"));
    }

    @Test
    void subAttributeWithoutValueFilterIsAnInvalidPatchPath() {
        assertThrows(IllegalArgumentException.class, () -> new PatchPath(AttributePath.of("emails"), null, "value"));
    }

    static Stream<Arguments> malformedPatchPaths() {
        return Stream.of(
                arguments("", 0, "expected an attribute path"),
                arguments("  ", 2, "expected an attribute path"),
                arguments("[type eq \"x\"]", 0, "expected an attribute path"),
                arguments("members value", 8, "expected '[' or end of input"),
                arguments("userName eq \"a\"", 9, "expected '[' or end of input"),
                arguments("name.familyName.x", 15, "too deep"),
                arguments("emails[type eq \"work\"", 21, "expected ']'"),
                arguments("emails[type eq \"work\"].", 23, "expected an attribute name"),
                arguments("emails[type eq \"work\"].value.display", 28, "too deep"),
                arguments("emails[type eq \"work\"].1st", 23, "expected an attribute name"),
                arguments("emails[type eq \"work\"] .value", 23, "expected '.' and a sub-attribute"),
                arguments("emails[type eq \"work\"]x", 22, "expected '.' and a sub-attribute"),
                arguments("emails[type eq \"work\"][value pr]", 22, "expected '.' and a sub-attribute"),
                arguments("emails[type[value eq \"x\"]]", 11, "cannot be nested"),
                arguments("emails[]", 7, "expected an attribute path"),
                arguments("name.givenName[value eq \"x\"]", 14, "top-level attribute"),
                arguments("emails[type eq work]", 15, "expected a value"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedPatchPaths")
    void rejectsMalformedPatchPath(String text, int expectedPosition, String expectedMessagePart) {
        FilterException error = assertThrows(FilterException.class, () -> FilterParser.parsePatchPath(text));

        assertEquals(expectedPosition, error.position(), error.getMessage());
        assertTrue(error.getMessage().contains(expectedMessagePart), error.getMessage());
    }

    @Test
    void rejectsNullPatchPath() {
        assertEquals(0, assertThrows(FilterException.class, () -> FilterParser.parsePatchPath(null)).position());
    }
}
