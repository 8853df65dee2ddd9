package org.scimlog.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlComparisonTest {

    private static final String COLUMN = "u.user_name";

    private static FilterValue.Text text(String value) {
        return new FilterValue.Text(value);
    }

    private static FilterValue.Number number(String value) {
        return new FilterValue.Number(new BigDecimal(value));
    }

    @Test
    void caseInsensitiveEqualityLowersBothSidesSoAFunctionalIndexApplies() {
        SqlFragment sql = SqlComparison.build(COLUMN, ValueKind.TEXT, false, Operator.EQ, text("BJensen"));

        assertEquals(SqlFragment.of("lower(u.user_name) = lower(?)", "BJensen"), sql);
    }

    @Test
    void caseExactEqualityComparesTheColumnAsIs() {
        SqlFragment sql = SqlComparison.build("u.external_id", ValueKind.TEXT, true, Operator.EQ, text("AbC"));

        assertEquals(SqlFragment.of("u.external_id = ?", "AbC"), sql);
    }

    @Test
    void notEqualAlsoMatchesAbsentValues() {
        SqlFragment sql = SqlComparison.build("u.title", ValueKind.TEXT, false, Operator.NE, text("Boss"));

        assertEquals(SqlFragment.of("(u.title IS NULL OR lower(u.title) <> lower(?))", "Boss"), sql);
    }

    @ParameterizedTest
    @CsvSource({"GT,>", "GE,>=", "LT,<", "LE,<="})
    void textOrderingIsCaseFoldedUnlessCaseExact(Operator operator, String symbol) {
        assertEquals(SqlFragment.of("lower(u.user_name) " + symbol + " lower(?)", "m"),
                SqlComparison.build(COLUMN, ValueKind.TEXT, false, operator, text("m")));
        assertEquals(SqlFragment.of("u.user_name " + symbol + " ?", "m"),
                SqlComparison.build(COLUMN, ValueKind.TEXT, true, operator, text("m")));
    }

    @ParameterizedTest
    @CsvSource({"CO,%jen%", "SW,jen%", "EW,%jen"})
    void substringOperatorsUseLikeWithWildcardsAroundTheValue(Operator operator, String pattern) {
        assertEquals(SqlFragment.of("lower(u.user_name) LIKE lower(?) ESCAPE '\\'", pattern),
                SqlComparison.build(COLUMN, ValueKind.TEXT, false, operator, text("jen")));
        assertEquals(SqlFragment.of("u.user_name LIKE ? ESCAPE '\\'", pattern),
                SqlComparison.build(COLUMN, ValueKind.TEXT, true, operator, text("jen")));
    }

    @Test
    void likeMetacharactersInTheValueAreEscaped() {
        SqlFragment sql = SqlComparison.build(COLUMN, ValueKind.TEXT, false, Operator.CO, text("50%_off\\"));

        assertEquals(List.of("%50\\%\\_off\\\\%"), sql.parameters());
    }

    @Test
    void numbersAreCastAndBoundAsBigDecimal() {
        SqlFragment sql = SqlComparison.build("(l.doc->>'count')", ValueKind.NUMBER, false, Operator.GE, number("2.5"));

        assertEquals(SqlFragment.of("((l.doc->>'count'))::numeric >= ?", new BigDecimal("2.5")), sql);
    }

    @Test
    void booleansAreCastAndBoundAsBoolean() {
        SqlFragment sql = SqlComparison.build("u.active", ValueKind.BOOLEAN, false, Operator.EQ, new FilterValue.Bool(false));

        assertEquals(SqlFragment.of("(u.active)::boolean = ?", false), sql);
    }

    @Test
    void dateTimesAreBoundAsTheSameInstantInUtc() {
        SqlFragment sql = SqlComparison.build("l.published", ValueKind.DATE_TIME, false, Operator.GT,
                text("2024-05-01T12:00:00.5+02:00"));

        // in UTC: PostgreSQL refuses offsets beyond 15:59, which RFC 3339 allows
        assertEquals(SqlFragment.of("(l.published)::timestamptz > ?", OffsetDateTime.parse("2024-05-01T10:00:00.5Z")),
                sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-05-01", "2024-05-01T12:00:00", "2024-13-01T00:00:00Z", ""})
    void rejectsValuesThatAreNotRfc3339DateTimes(String value) {
        FilterException error = assertThrows(FilterException.class,
                () -> SqlComparison.build("l.published", ValueKind.DATE_TIME, false, Operator.GT, text(value)));

        assertTrue(error.getMessage().contains("RFC 3339"), error.getMessage());
    }

    @Test
    void rejectsTypeMismatches() {
        List<Runnable> mismatches = List.of(
                () -> SqlComparison.build(COLUMN, ValueKind.TEXT, false, Operator.EQ, number("5")),
                () -> SqlComparison.build(COLUMN, ValueKind.TEXT, false, Operator.EQ, new FilterValue.Bool(true)),
                () -> SqlComparison.build("u.age", ValueKind.NUMBER, false, Operator.EQ, text("5")),
                () -> SqlComparison.build("u.active", ValueKind.BOOLEAN, false, Operator.EQ, text("true")),
                () -> SqlComparison.build("u.active", ValueKind.BOOLEAN, false, Operator.NE, number("1")),
                () -> SqlComparison.build("l.published", ValueKind.DATE_TIME, false, Operator.EQ, number("1")));

        for (Runnable mismatch : mismatches) {
            FilterException error = assertThrows(FilterException.class, mismatch::run);
            assertTrue(error.getMessage().startsWith("type mismatch"), error.getMessage());
            assertEquals(FilterException.NO_POSITION, error.position());
        }
    }

    @Test
    void equalToNullMeansAbsent() {
        assertEquals(SqlFragment.of("u.title IS NULL"),
                SqlComparison.build("u.title", ValueKind.TEXT, false, Operator.EQ, new FilterValue.Null()));
        assertEquals(SqlFragment.of("u.title IS NOT NULL"),
                SqlComparison.build("u.title", ValueKind.TEXT, false, Operator.NE, new FilterValue.Null()));
    }

    @ParameterizedTest
    @EnumSource(value = Operator.class, names = {"GT", "GE", "LT", "LE"})
    void rejectsOrderingOfBooleansAndNull(Operator operator) {
        FilterException onBoolean = assertThrows(FilterException.class,
                () -> SqlComparison.build("u.active", ValueKind.BOOLEAN, false, operator, new FilterValue.Bool(true)));
        FilterException onNull = assertThrows(FilterException.class,
                () -> SqlComparison.build("u.title", ValueKind.TEXT, false, operator, new FilterValue.Null()));

        assertTrue(onBoolean.getMessage().contains("not ordered"), onBoolean.getMessage());
        assertTrue(onNull.getMessage().contains("not ordered"), onNull.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Operator.class, names = {"CO", "SW", "EW"})
    void rejectsSubstringOperatorsOnNonStringValuesAndNonTextColumns(Operator operator) {
        assertThrows(FilterException.class,
                () -> SqlComparison.build(COLUMN, ValueKind.TEXT, false, operator, number("5")));
        assertThrows(FilterException.class,
                () -> SqlComparison.build("u.age", ValueKind.NUMBER, false, operator, text("5")));
        assertThrows(FilterException.class,
                () -> SqlComparison.build("l.published", ValueKind.DATE_TIME, false, operator, text("2024")));
    }

    @Test
    void presentIsNotNull() {
        assertEquals(SqlFragment.of("u.title IS NOT NULL"), SqlComparison.present("u.title"));
    }

    @ParameterizedTest
    @EnumSource(Operator.class)
    void valuesNeverAppearInTheSqlText(Operator operator) {
        String attack = "x' OR '1'='1'; DROP TABLE users; --";

        SqlFragment sql = SqlComparison.build(COLUMN, ValueKind.TEXT, false, operator, text(attack));

        assertFalse(sql.sql().contains("DROP"), sql.sql());
        assertFalse(sql.sql().contains("'1'"), sql.sql());
        assertEquals(1, sql.parameters().size());
        assertTrue(((String) sql.parameters().get(0)).contains(attack));
    }
}
