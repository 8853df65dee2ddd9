package org.scimlog.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.scimlog.support.FuzzInputs;

/**
 * A printed filter reads back as the same filter: error messages and the System Log show what the server
 * understood, and no filter prints deeper or differently grouped than its parse.
 */
class FilterTextProperties {

    private static final Pattern ONE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*|\\$ref");

    /** Every shape of tree, including the groupings a client can only write with parentheses. */
    @Property
    void everyTreeReadsBackAsItself(@ForAll("trees") Filter filter) {
        assertEquals(filter, FilterParser.parse(FilterText.of(filter), Dialect.SCIM), () -> "printed as " + FilterText.of(filter));
        PatchPath path = new PatchPath(AttributePath.of("emails"), withoutValuePaths(filter), "value");
        assertEquals(path, FilterParser.parsePatchPath(FilterText.of(path)), () -> "printed as " + FilterText.of(path));
    }

    @Property
    void scimFiltersReadBackAsThemselves(@ForAll("scimFilters") String text) {
        roundTrip(text, Dialect.SCIM);
    }

    /** Entra's {@code emails[type eq "work"].value eq "x"} is the bracket form with one more condition, and prints as it. */
    @Property
    void subAttributeAfterTheBracketMeansOneMoreConditionInside(@ForAll("valueFilters") String valueFilter,
            @ForAll("subAttributeTests") String test) {
        Optional<Filter> sugared = parsed(() -> FilterParser.parse("emails[" + valueFilter + "]." + test, Dialect.SCIM));
        Optional<Filter> bracketed = parsed(() -> FilterParser.parse("emails[(" + valueFilter + ") and " + test + "]",
                Dialect.SCIM));
        sugared.ifPresent(filter -> assertEquals(bracketed, sugared));
        // Inside a bracket a path may be dotted or qualified (and is refused later, by the schema); after "]." it is one name.
        if (ONE_NAME.matcher(test.substring(0, Math.max(0, test.indexOf(' ')))).matches()) {
            assertEquals(bracketed, sugared);
        }
        sugared.ifPresent(filter -> assertEquals(filter, FilterParser.parse(FilterText.of(filter), Dialect.SCIM)));
        checkNotVacuous(sugared.isPresent());
    }

    @Property
    void logFiltersReadBackAsThemselves(@ForAll("logFilters") String text) {
        roundTrip(text, Dialect.OKTA_LOG);
    }

    @Property
    void patchPathsReadBackAsThemselves(@ForAll("patchPaths") String text) {
        Optional<PatchPath> parsed = parsed(() -> FilterParser.parsePatchPath(text));
        parsed.ifPresent(path -> assertEquals(path, FilterParser.parsePatchPath(FilterText.of(path))));
        checkNotVacuous(parsed.isPresent());
    }

    private static void roundTrip(String text, Dialect dialect) {
        Optional<Filter> parsed = parsed(() -> FilterParser.parse(text, dialect));
        parsed.ifPresent(filter -> assertEquals(filter, FilterParser.parse(FilterText.of(filter), dialect),
                () -> "printed as " + FilterText.of(filter)));
        checkNotVacuous(parsed.isPresent());
    }

    /** Most generated texts are refused (nasty paths and values); the property must still see many that are not. */
    private static void checkNotVacuous(boolean parsed) {
        Statistics.collect(parsed);
        Statistics.coverage(coverage -> coverage.check(true).percentage(p -> p >= 10));
    }

    private static <T> Optional<T> parsed(java.util.function.Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (FilterException refused) {
            return Optional.empty();
        }
    }

    @Provide
    Arbitrary<Filter> trees() {
        Arbitrary<Filter> leaves = Arbitraries.oneOf(comparisons(), paths().map(Filter.Present::new));
        Arbitrary<Filter> withoutValuePaths = Arbitraries.recursive(() -> leaves, FilterTextProperties::branches, 0, 5);
        Arbitrary<Filter> valuePaths = Combinators.combine(Arbitraries.of("emails", "members", "pr", "x"), withoutValuePaths)
                .as((name, inner) -> new Filter.ValuePath(AttributePath.of(name), inner));
        return Arbitraries.recursive(() -> Arbitraries.oneOf(leaves, valuePaths), FilterTextProperties::branches, 0, 5);
    }

    private static Arbitrary<Filter> branches(Arbitrary<Filter> inner) {
        return Arbitraries.oneOf(
                Combinators.combine(inner, inner).as(Filter.And::new),
                Combinators.combine(inner, inner).as(Filter.Or::new),
                inner.map(Filter.Not::new));
    }

    private static Arbitrary<AttributePath> paths() {
        return Arbitraries.of(AttributePath.of("userName"), AttributePath.of("name", "givenName"), AttributePath.of("pr"),
                AttributePath.of("true"), AttributePath.of("$ref"),
                new AttributePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", List.of("manager", "value")));
    }

    private static Arbitrary<Filter> comparisons() {
        Arbitrary<FilterValue> values = Arbitraries.oneOf(
                FuzzInputs.nastyStrings().filter(s -> s.length() <= 100 && StorableText.isStorable(s)).map(FilterValue.Text::new),
                Arbitraries.of("0", "-0", "1.10", "1E+5", "-1e-999", "0.0000001", "123456789012345678901234567890.5")
                        .map(n -> new FilterValue.Number(new BigDecimal(n))),
                Arbitraries.of(new FilterValue.Bool(true), new FilterValue.Bool(false), new FilterValue.Null()));
        return Combinators.combine(paths(), Arbitraries.of(Operator.class), values)
                .filter((path, operator, value) -> compatible(operator, value))
                .as(Filter.Comparison::new);
    }

    private static boolean compatible(Operator operator, FilterValue value) {
        try {
            OperandCheck.requireCompatible(operator, value, FilterException.NO_POSITION);
            return true;
        } catch (FilterException refused) {
            return false;
        }
    }

    /** A PATCH path's value filter may hold no value filter of its own. */
    private static Filter withoutValuePaths(Filter filter) {
        return filter.accept(new Filter.Visitor<Filter>() {
            @Override
            public Filter and(Filter.And and) {
                return new Filter.And(and.left().accept(this), and.right().accept(this));
            }

            @Override
            public Filter or(Filter.Or or) {
                return new Filter.Or(or.left().accept(this), or.right().accept(this));
            }

            @Override
            public Filter not(Filter.Not not) {
                return new Filter.Not(not.inner().accept(this));
            }

            @Override
            public Filter comparison(Filter.Comparison comparison) {
                return comparison;
            }

            @Override
            public Filter present(Filter.Present present) {
                return present;
            }

            @Override
            public Filter valuePath(Filter.ValuePath valuePath) {
                return new Filter.Present(valuePath.path());
            }
        });
    }

    @Provide
    Arbitrary<String> scimFilters() {
        return FuzzInputs.filters(FuzzInputs.scimPaths());
    }

    /** Generated filters are mostly refused (nasty values); the ones Entra and Okta send keep the property busy. */
    @Provide
    Arbitrary<String> valueFilters() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of("type eq \"work\"", "type eq \"work\" or primary eq true",
                        "not (type eq \"home\")", "value eq \"2819c223-7f76-453a-919d-413861904646\"")),
                Tuple.of(2, FuzzInputs.filters(FuzzInputs.scimPaths())));
    }

    @Provide
    Arbitrary<String> subAttributeTests() {
        return FuzzInputs.subAttributeTests();
    }

    @Provide
    Arbitrary<String> logFilters() {
        return FuzzInputs.filters(FuzzInputs.logPaths());
    }

    @Provide
    Arbitrary<String> patchPaths() {
        return FuzzInputs.filters(FuzzInputs.scimPaths()).map(filter -> "emails[" + filter + "].value");
    }
}
