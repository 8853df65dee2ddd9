package org.scimlog.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FilterParserTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static Filter scim(String text) {
        return FilterParser.parse(text, Dialect.SCIM);
    }

    private static AttributePath path(String... names) {
        return AttributePath.of(names);
    }

    private static Filter.Comparison eq(String attribute, String text) {
        return new Filter.Comparison(path(attribute), Operator.EQ, new FilterValue.Text(text));
    }

    private static Filter.Comparison eq(String attribute, long number) {
        return new Filter.Comparison(path(attribute), Operator.EQ, new FilterValue.Number(BigDecimal.valueOf(number)));
    }

    @ParameterizedTest
    @EnumSource(Operator.class)
    void parsesEveryOperator(Operator operator) {
        Filter filter = scim("title " + operator.keyword() + " \"Tour Guide\"");

        assertEquals(new Filter.Comparison(path("title"), operator, new FilterValue.Text("Tour Guide")), filter);
    }

    @ParameterizedTest
    @CsvSource({"EQ,EQ", "Eq,EQ", "eQ,EQ", "CO,CO", "Sw,SW", "ew,EW", "GE,GE", "lE,LE"})
    void operatorsAreCaseInsensitive(String spelling, Operator expected) {
        Filter filter = scim("userName " + spelling + " \"bjensen\"");

        assertEquals(expected, ((Filter.Comparison) filter).operator());
    }

    @Test
    void parsesPresentInAnyCase() {
        assertEquals(new Filter.Present(path("title")), scim("title pr"));
        assertEquals(new Filter.Present(path("title")), scim("title PR"));
    }

    @Test
    void andBindsTighterThanOr() {
        Filter filter = scim("a eq 1 or b eq 2 and c eq 3");

        assertEquals(new Filter.Or(eq("a", 1), new Filter.And(eq("b", 2), eq("c", 3))), filter);
    }

    @Test
    void andBeforeOrStillGroupsTheAnd() {
        Filter filter = scim("a eq 1 and b eq 2 or c eq 3");

        assertEquals(new Filter.Or(new Filter.And(eq("a", 1), eq("b", 2)), eq("c", 3)), filter);
    }

    @Test
    void chainsAreLeftAssociative() {
        Filter filter = scim("a eq 1 or b eq 2 or c eq 3");

        assertEquals(new Filter.Or(new Filter.Or(eq("a", 1), eq("b", 2)), eq("c", 3)), filter);
    }

    @Test
    void parenthesesOverridePrecedence() {
        Filter filter = scim("(a eq 1 or b eq 2) and c eq 3");

        assertEquals(new Filter.And(new Filter.Or(eq("a", 1), eq("b", 2)), eq("c", 3)), filter);
    }

    @Test
    void redundantParenthesesAreTransparent() {
        assertEquals(eq("a", 1), scim("((( a eq 1 )))"));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        Filter filter = scim("a eq 1 OR NOT (b eq 2) And c Pr");

        assertEquals(new Filter.Or(eq("a", 1), new Filter.And(new Filter.Not(eq("b", 2)), new Filter.Present(path("c")))),
                filter);
    }

    @Test
    void notWrapsAParenthesisedGroup() {
        Filter filter = scim("not (a eq 1 or b eq 2) and c eq 3");

        assertEquals(new Filter.And(new Filter.Not(new Filter.Or(eq("a", 1), eq("b", 2))), eq("c", 3)), filter);
    }

    @Test
    void notCanBeNested() {
        assertEquals(new Filter.Not(new Filter.Not(eq("a", 1))), scim("not(not(a eq 1))"));
    }

    @Test
    void valuePathHoldsAFilterRelativeToTheElement() {
        Filter filter = scim("emails[type eq \"work\" and value co \"@example.com\"]");

        Filter expectedInner = new Filter.And(eq("type", "work"),
                new Filter.Comparison(path("value"), Operator.CO, new FilterValue.Text("@example.com")));
        assertEquals(new Filter.ValuePath(path("emails"), expectedInner), filter);
    }

    @Test
    void valuePathsCombineWithOrAndOtherExpressions() {
        Filter filter = scim("userName sw \"b\" and (emails[type eq \"work\" or primary eq true] or ims[type eq \"xmpp\"])");

        Filter emails = new Filter.ValuePath(path("emails"), new Filter.Or(eq("type", "work"),
                new Filter.Comparison(path("primary"), Operator.EQ, new FilterValue.Bool(true))));
        Filter ims = new Filter.ValuePath(path("ims"), eq("type", "xmpp"));
        Filter userName = new Filter.Comparison(path("userName"), Operator.SW, new FilterValue.Text("b"));
        assertEquals(new Filter.And(userName, new Filter.Or(emails, ims)), filter);
    }

    @Test
    void valuePathMayContainParenthesesAndNot() {
        Filter filter = scim("emails[not (type eq \"home\") and (value ew \".org\" or value ew \".com\")]");

        Filter.ValuePath valuePath = assertInstanceOf(Filter.ValuePath.class, filter);
        assertInstanceOf(Filter.And.class, valuePath.inner());
    }

    /** Microsoft Entra ID's matching filter (learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups). */
    @Test
    void subAttributeAfterAValueFilterIsOneMoreConditionOnTheSameElement() {
        Filter entra = scim("emails[type eq \"work\"].value eq \"ada@example.com\"");

        assertEquals(new Filter.ValuePath(path("emails"), new Filter.And(eq("type", "work"), eq("value", "ada@example.com"))),
                entra);
        assertEquals(scim("emails[type eq \"work\" and value eq \"ada@example.com\"]"), entra);
        assertEquals(scim("emails[type eq \"work\" and value pr]"), scim("emails[type eq \"work\"].value pr"));
    }

    @Test
    void subAttributeFormKeepsTheValueFilterGroupedAndCombinesLikeAnyExpression() {
        Filter filter = scim("emails[type eq \"work\" or primary eq true].VALUE co \"@x\" and userName sw \"a\"");

        Filter emails = new Filter.ValuePath(path("emails"), new Filter.And(
                new Filter.Or(eq("type", "work"), new Filter.Comparison(path("primary"), Operator.EQ, new FilterValue.Bool(true))),
                new Filter.Comparison(path("VALUE"), Operator.CO, new FilterValue.Text("@x"))));
        assertEquals(new Filter.And(emails, new Filter.Comparison(path("userName"), Operator.SW, new FilterValue.Text("a"))),
                filter);
        assertEquals(filter, scim(FilterText.of(filter)));
    }

    @Test
    void oktaDialectRejectsTheSubAttributeFormAtItsBracket() {
        FilterException error = assertThrows(FilterException.class,
                () -> FilterParser.parse("target[type eq \"User\"].id eq \"x\"", Dialect.OKTA_LOG));

        assertEquals(6, error.position());
    }

    @Test
    void parsesSubAttributes() {
        Filter.Comparison comparison = (Filter.Comparison) scim("name.givenName eq \"Barbara\"");

        AttributePath path = comparison.path();
        assertEquals(List.of("name", "givenName"), path.names());
        assertEquals("name", path.attribute());
        assertEquals("givenName", path.subAttribute());
        assertEquals("name.givenName", path.dotted());
        assertNull(path.schemaUrn());
    }

    @Test
    void subAttributeIsNullForSimplePaths() {
        assertNull(((Filter.Present) scim("title pr")).path().subAttribute());
    }

    @Test
    void parsesUrnQualifiedPathWithSubAttribute() {
        Filter.Comparison comparison = (Filter.Comparison) scim(ENTERPRISE + ":manager.value eq \"26118915-6090\"");

        assertEquals(new AttributePath(ENTERPRISE, List.of("manager", "value")), comparison.path());
    }

    @Test
    void parsesUrnQualifiedCoreAttribute() {
        Filter.Comparison comparison = (Filter.Comparison) scim("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"");

        assertEquals(new AttributePath("urn:ietf:params:scim:schemas:core:2.0:User", List.of("userName")),
                comparison.path());
    }

    @Test
    void urnPrefixIsCaseInsensitive() {
        Filter.Present present = (Filter.Present) scim("URN:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr");

        assertEquals("URN:ietf:params:scim:schemas:extension:enterprise:2.0:User", present.path().schemaUrn());
        assertEquals(List.of("employeeNumber"), present.path().names());
    }

    @Test
    void acceptsRefAndNameCharacters() {
        assertEquals(new Filter.Present(path("members", "$ref")), scim("members.$ref pr"));
        assertEquals(new Filter.Present(path("x-custom_attr2")), scim("x-custom_attr2 pr"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "\"say \\\"hi\\\"\"      | say \"hi\"",
            "\"back\\\\slash\"       | back\\slash",
            "\"caf\\u00e9\"          | café",
            "\"CAF\\u00C9\"          | CAFÉ",
            "\"a\\/b\"               | a/b",
            "\"\\ud83d\\ude00\"      | \uD83D\uDE00",
            "\"with (parens) [and] brackets\" | with (parens) [and] brackets",
            "\"and or not pr\"       | and or not pr",
    })
    void decodesJsonStringEscapes(String literal, String expected) {
        Filter.Comparison comparison = (Filter.Comparison) scim("displayName eq " + literal);

        assertEquals(new FilterValue.Text(expected), comparison.value());
    }

    @Test
    void decodesControlEscapes() {
        Filter.Comparison comparison = (Filter.Comparison) scim("x eq \"\\b\\f\\n\\r\\t\"");

        assertEquals(new FilterValue.Text("\b\f\n\r\t"), comparison.value());
    }

    @Test
    void emptyStringIsAValidValue() {
        assertEquals(eq("title", ""), scim("title eq \"\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "42", "-7", "3.25", "-0.5", "1e3", "1E+3", "-2.5E-2", "12345678901234567890.123"})
    void parsesJsonNumbersExactly(String literal) {
        Filter.Comparison comparison = (Filter.Comparison) scim("rank ge " + literal);

        FilterValue.Number number = assertInstanceOf(FilterValue.Number.class, comparison.value());
        assertEquals(0, new BigDecimal(literal).compareTo(number.value()));
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "True,true", "false,false", "FaLsE,false"})
    void parsesBooleansInAnyCase(String literal, boolean expected) {
        Filter.Comparison comparison = (Filter.Comparison) scim("active eq " + literal);

        assertEquals(new FilterValue.Bool(expected), comparison.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"title eq null", "title ne NULL", "title eq Null"})
    void parsesNullForEqualityOperators(String text) {
        assertEquals(new FilterValue.Null(), ((Filter.Comparison) scim(text)).value());
    }

    @Test
    void toleratesExtraWhitespaceAndTabs() {
        assertEquals(new Filter.And(eq("a", 1), eq("b", 2)), scim("  a   eq\t1 \n and  b eq 2  "));
    }

    @Test
    void oktaDialectAcceptsDeepPaths() {
        Filter filter = FilterParser.parse("debugContext.debugData.requestId eq \"abc\"", Dialect.OKTA_LOG);

        assertEquals(new Filter.Comparison(path("debugContext", "debugData", "requestId"), Operator.EQ,
                new FilterValue.Text("abc")), filter);
    }

    @Test
    void oktaDialectParsesTypicalSystemLogQuery() {
        Filter filter = FilterParser.parse(
                "eventType eq \"user.session.start\" and outcome.result eq \"FAILURE\" and published gt \"2024-05-01T00:00:00Z\"",
                Dialect.OKTA_LOG);

        Filter.And and = assertInstanceOf(Filter.And.class, filter);
        assertEquals(new Filter.Comparison(path("published"), Operator.GT, new FilterValue.Text("2024-05-01T00:00:00Z")),
                and.right());
    }

    @Test
    void oktaDialectAcceptsUnderscores() {
        assertEquals(new Filter.Comparison(path("event_type"), Operator.EQ, new FilterValue.Text("x")),
                FilterParser.parse("event_type eq \"x\"", Dialect.OKTA_LOG));
    }

    @Test
    void oktaDialectRejectsValuePaths() {
        FilterException error = assertThrows(FilterException.class,
                () -> FilterParser.parse("target[type eq \"User\"]", Dialect.OKTA_LOG));

        assertEquals(6, error.position());
    }

    @Test
    void scimDialectRejectsThreeLevelPaths() {
        FilterException error = assertThrows(FilterException.class,
                () -> scim("debugContext.debugData.requestId eq \"abc\""));

        assertEquals(22, error.position());
    }

    @Test
    void attributePathNamesAreImmutable() {
        AttributePath path = ((Filter.Present) scim("name.givenName pr")).path();

        assertThrows(UnsupportedOperationException.class, () -> path.names().add("x"));
    }

    @Test
    void rejectsNullText() {
        assertEquals(0, assertThrows(FilterException.class, () -> scim(null)).position());
    }

    @Test
    void acceptsTextOfExactlyTheMaximumLength() {
        String prefix = "title eq \"";
        String text = prefix + "x".repeat(FilterParser.MAX_LENGTH - prefix.length() - 1) + "\"";

        assertEquals(FilterParser.MAX_LENGTH, text.length());
        assertInstanceOf(Filter.Comparison.class, scim(text));
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        int depth = FilterGrammar.MAX_NESTING;
        String text = "(".repeat(depth) + "a pr" + ")".repeat(depth);

        assertEquals(new Filter.Present(path("a")), scim(text));
    }

    @Test
    void longOrChainsDoNotUseTheStack() {
        String text = String.join(" or ", java.util.Collections.nCopies(1_000, "a pr"));

        assertInstanceOf(Filter.Or.class, scim(text));
    }
}
