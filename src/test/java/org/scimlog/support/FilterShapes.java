package org.scimlog.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.scimlog.filter.Dialect;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterParser;
import org.scimlog.filter.SqlFieldResolver;
import org.scimlog.filter.SqlFragment;
import org.scimlog.filter.FilterSql;

/**
 * Filters with holes where their string values go, for the property that a filter's SQL depends on its shape
 * only: whatever the values, the statement text is the same and the values travel as parameters, so no value
 * can change what the statement does (and PostgreSQL can reuse one plan).
 */
public final class FilterShapes {

    /** Where a value goes in a shape. */
    public static final String HOLE = "\u00a7";

    private FilterShapes() {
    }

    /** Filter texts over the paths, with a {@link #HOLE} for every comparison value. */
    public static Arbitrary<String> shapes(List<String> paths) {
        Arbitrary<String> comparison = Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(Arbitraries.of(paths), Arbitraries.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"))
                        .as((path, op) -> path + " " + op + " " + HOLE)),
                Tuple.of(1, Arbitraries.of(paths).map(path -> path + " pr")));
        return Arbitraries.recursive(() -> comparison, inner -> Arbitraries.oneOf(
                Combinators.combine(inner, Arbitraries.of(" and ", " or "), inner).as((a, op, b) -> a + op + b),
                inner.map(f -> "(" + f + ")"),
                inner.map(f -> "not (" + f + ")")), 0, 3);
    }

    /** As many values as a shape has holes, and more. */
    public static Arbitrary<List<String>> values() {
        return FuzzInputs.nastyStrings().filter(s -> s.indexOf('\u0000') < 0).list().ofMinSize(16).ofMaxSize(16);
    }

    /** The shape with its holes filled, in order, by the values as quoted filter strings. */
    public static String fill(String shape, List<String> values) {
        StringBuilder filter = new StringBuilder();
        String[] parts = shape.split(HOLE, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                filter.append(FuzzInputs.quoted(values.get(i - 1)));
            }
            filter.append(parts[i]);
        }
        return filter.toString();
    }

    /** The SQL of the filter, or nothing when the filter or a value is refused (a 400, which another property checks). */
    public static Optional<SqlFragment> sql(String filter, Dialect dialect, SqlFieldResolver fields) {
        try {
            return Optional.of(FilterSql.toSql(FilterParser.parse(filter, dialect), fields));
        } catch (FilterException refused) {
            return Optional.empty();
        }
    }

    /** Both fillings of one shape give one statement text, and no value is spliced into it. */
    public static void assertSameStatement(String shape, List<String> first, List<String> second, Dialect dialect,
                                           SqlFieldResolver fields) {
        Optional<SqlFragment> one = sql(fill(shape, first), dialect, fields);
        Optional<SqlFragment> other = sql(fill(shape, second), dialect, fields);
        if (one.isEmpty() || other.isEmpty()) {
            return;
        }
        assertEquals(one.get().sql(), other.get().sql(), () -> "one shape, two statements: " + shape);
        assertEquals(one.get().parameters().size(), other.get().parameters().size(), shape);
        for (String value : first) {
            if (value.length() >= 6 && value.chars().allMatch(Character::isLetterOrDigit)) {
                assertFalse(one.get().sql().contains(value), () -> "a value in the statement text: " + one.get().sql());
            }
        }
    }
}
