package org.scimlog.filter;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterSqlTest {

    /** Stands in for a real table resolver: a few columns, emails as a jsonb array. */
    private static final class UsersResolver implements SqlFieldResolver {

        private record Column(String expression, ValueKind kind, boolean caseExact) {
        }

        private final Map<String, Column> columns;

        UsersResolver(Map<String, Column> columns) {
            this.columns = columns;
        }

        static UsersResolver users() {
            return new UsersResolver(Map.of(
                    "username", new Column("u.user_name", ValueKind.TEXT, false),
                    "title", new Column("u.title", ValueKind.TEXT, false),
                    "id", new Column("u.id", ValueKind.TEXT, true),
                    "age", new Column("u.age", ValueKind.NUMBER, false)));
        }

        static UsersResolver emailElement() {
            return new UsersResolver(Map.of(
                    "type", new Column("(e->>'type')", ValueKind.TEXT, false),
                    "value", new Column("(e->>'value')", ValueKind.TEXT, false)));
        }

        private Column column(AttributePath path) {
            Column column = columns.get(path.dotted().toLowerCase(java.util.Locale.ROOT));
            if (column == null) {
                throw new FilterException("unknown attribute '" + path.dotted() + "'");
            }
            return column;
        }

        @Override
        public SqlFragment comparison(AttributePath path, Operator operator, FilterValue value) {
            Column column = column(path);
            return SqlComparison.build(column.expression(), column.kind(), column.caseExact(), operator, value);
        }

        @Override
        public SqlFragment present(AttributePath path) {
            return SqlComparison.present(column(path).expression());
        }

        @Override
        public SqlFragment valuePath(AttributePath path, Filter inner) {
            if (!path.attribute().equalsIgnoreCase("emails")) {
                throw new FilterException("'" + path.dotted() + "' is not multi-valued");
            }
            SqlFragment element = FilterSql.toSql(inner, emailElement());
            return new SqlFragment("EXISTS (SELECT 1 FROM jsonb_array_elements(u.doc->'emails') e WHERE "
                    + element.sql() + ")", element.parameters());
        }
    }

    private static SqlFragment sql(String filter) {
        return FilterSql.toSql(FilterParser.parse(filter, Dialect.SCIM), UsersResolver.users());
    }

    @Test
    void translatesASingleComparisonThroughTheResolver() {
        assertEquals(SqlFragment.of("lower(u.user_name) = lower(?)", "bjensen"), sql("userName eq \"bjensen\""));
    }

    @Test
    void parenthesisesAndInsideOr() {
        SqlFragment sql = sql("title pr or userName eq \"a\" and id eq \"1\"");

        assertEquals("(u.title IS NOT NULL OR (lower(u.user_name) = lower(?) AND u.id = ?))", sql.sql());
        assertEquals(List.of("a", "1"), sql.parameters());
    }

    @Test
    void parenthesisesOrInsideAnd() {
        SqlFragment sql = sql("(title pr or userName eq \"a\") and id eq \"1\"");

        assertEquals("((u.title IS NOT NULL OR lower(u.user_name) = lower(?)) AND u.id = ?)", sql.sql());
    }

    @Test
    void negatesWithParentheses() {
        SqlFragment sql = sql("not (title pr or age gt 30)");

        assertEquals("NOT ((u.title IS NOT NULL OR (u.age)::numeric > ?))", sql.sql());
        assertEquals(List.of(new BigDecimal("30")), sql.parameters());
    }

    @Test
    void delegatesValuePathsAndKeepsParameterOrder() {
        SqlFragment sql = sql("userName sw \"b\" and emails[type eq \"work\" and value co \"@x\"] and age lt 40");

        assertEquals("((lower(u.user_name) LIKE lower(?) ESCAPE '\\' AND EXISTS (SELECT 1 FROM "
                + "jsonb_array_elements(u.doc->'emails') e WHERE (lower((e->>'type')) = lower(?) AND "
                + "lower((e->>'value')) LIKE lower(?) ESCAPE '\\'))) AND (u.age)::numeric < ?)", sql.sql());
        assertEquals(List.of("b%", "work", "%@x%", new BigDecimal("40")), sql.parameters());
    }

    @Test
    void injectionAttemptsEndUpOnlyInParameters() {
        String[] attacks = {
                "'; DROP TABLE users; --",
                "x') OR ('1'='1",
                "\\'; SELECT pg_sleep(10); --",
                "a\" or userName pr or \"",
        };
        for (String attack : attacks) {
            String literal = "\"" + attack.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";

            SqlFragment sql = sql("userName eq " + literal + " or title co " + literal);

            assertFalse(sql.sql().contains(attack), sql.sql());
            assertFalse(sql.sql().contains("DROP") || sql.sql().contains("pg_sleep") || sql.sql().contains("'1'"),
                    sql.sql());
            assertEquals("(lower(u.user_name) = lower(?) OR lower(u.title) LIKE lower(?) ESCAPE '\\')", sql.sql());
            assertEquals(attack, sql.parameters().get(0));
        }
    }

    @Test
    void likeMetacharactersFromTheFilterAreEscaped() {
        SqlFragment sql = sql("title co \"100%_\\\\\"");

        assertEquals(List.of("%100\\%\\_\\\\%"), sql.parameters());
    }

    @Test
    void resolverErrorsPropagateAsFilterExceptions() {
        assertThrows(FilterException.class, () -> sql("nickName eq \"x\""));
        assertThrows(FilterException.class, () -> sql("age eq \"thirty\""));
        assertThrows(FilterException.class, () -> sql("title[value eq \"x\"]"));
    }

    @Test
    void rejectsAResolverThatReturnsNothing() {
        SqlFieldResolver broken = new SqlFieldResolver() {
            @Override
            public SqlFragment comparison(AttributePath path, Operator operator, FilterValue value) {
                return null;
            }

            @Override
            public SqlFragment present(AttributePath path) {
                return null;
            }

            @Override
            public SqlFragment valuePath(AttributePath path, Filter inner) {
                return null;
            }
        };

        NullPointerException error = assertThrows(NullPointerException.class,
                () -> FilterSql.toSql(FilterParser.parse("title pr", Dialect.SCIM), broken));
        assertTrue(error.getMessage().contains("SqlFieldResolver"));
    }
}
