package org.scimlog.filter;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reusable leaf builder so resolvers stay small: turns one comparison on one SQL expression into a
 * parameterised fragment. Values only ever travel as JDBC parameters.
 *
 * <p>Case-insensitive text (the SCIM default, e.g. userName) compiles to {@code lower(col) = lower(?)},
 * so a functional index on {@code lower(col)} serves it; caseExact attributes compare the column as is.
 * Substring operators become {@code lower(col) LIKE lower(?) ESCAPE '\'} with %, _ and \ in the value
 * escaped.
 *
 * <p>{@code ne} also matches rows where the expression is NULL (the attribute is absent): "not equal to
 * x" is true of a user without a title. This keeps {@code ne} the exact negation of {@code eq} and
 * agrees with {@link FilterEvaluator}.
 *
 * <p>The expression must be a single operand (a column, a function call, or anything parenthesised),
 * and for TEXT it must yield text; NUMBER, BOOLEAN and DATE_TIME cast it with ::numeric, ::boolean and
 * ::timestamptz.
 */
public final class SqlComparison {

    private SqlComparison() {
    }

    public static SqlFragment build(String sqlExpression, ValueKind kind, boolean caseExact, Operator operator,
                                    FilterValue value) {
        Objects.requireNonNull(sqlExpression, "sqlExpression");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        OperandCheck.requireCompatible(operator, value, FilterException.NO_POSITION);
        if (value instanceof FilterValue.Null) {
            return nullComparison(sqlExpression, operator);
        }
        if (operator.isSubstring()) {
            return like(sqlExpression, kind, caseExact, operator, (FilterValue.Text) value);
        }
        Operand operand = Operand.of(sqlExpression, kind, caseExact, value);
        String comparison = operand.column() + " " + symbol(operator) + " " + operand.placeholder();
        if (operator == Operator.NE) {
            comparison = "(" + sqlExpression + " IS NULL OR " + comparison + ")";
        }
        return new SqlFragment(comparison, List.of(operand.parameter()));
    }

    /** IS NOT NULL only; callers that treat "" or [] as absent add that themselves. */
    public static SqlFragment present(String sqlExpression) {
        Objects.requireNonNull(sqlExpression, "sqlExpression");
        return SqlFragment.of(sqlExpression + " IS NOT NULL");
    }

    private static SqlFragment nullComparison(String sqlExpression, Operator operator) {
        // OperandCheck has already ruled out every operator except eq and ne for null.
        return SqlFragment.of(sqlExpression + (operator == Operator.EQ ? " IS NULL" : " IS NOT NULL"));
    }

    private static SqlFragment like(String sqlExpression, ValueKind kind, boolean caseExact, Operator operator,
                                    FilterValue.Text value) {
        if (kind != ValueKind.TEXT) {
            throw new FilterException("'" + operator.keyword() + "' applies to text attributes only, not to "
                    + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " attributes");
        }
        String pattern = LikePattern.forOperator(operator, value.value());
        String sql = caseExact
                ? sqlExpression + " LIKE ? ESCAPE '" + LikePattern.ESCAPE + "'"
                : "lower(" + sqlExpression + ") LIKE lower(?) ESCAPE '" + LikePattern.ESCAPE + "'";
        return SqlFragment.of(sql, pattern);
    }

    private static String symbol(Operator operator) {
        return switch (operator) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default -> throw new IllegalArgumentException(operator + " has no SQL comparison symbol");
        };
    }

    /** Both sides of a non-null comparison: the column side, its placeholder and the bound value. */
    private record Operand(String column, String placeholder, Object parameter) {

        static Operand of(String expression, ValueKind kind, boolean caseExact, FilterValue value) {
            return switch (kind) {
                case TEXT -> text(expression, caseExact, value);
                case NUMBER -> new Operand("(" + expression + ")::numeric", "?", number(value));
                case BOOLEAN -> new Operand("(" + expression + ")::boolean", "?", bool(value));
                case DATE_TIME -> new Operand("(" + expression + ")::timestamptz", "?", dateTime(value));
            };
        }

        private static Operand text(String expression, boolean caseExact, FilterValue value) {
            if (!(value instanceof FilterValue.Text text)) {
                throw mismatch("text", value);
            }
            return caseExact
                    ? new Operand(expression, "?", text.value())
                    : new Operand("lower(" + expression + ")", "lower(?)", text.value());
        }

        private static Object number(FilterValue value) {
            if (value instanceof FilterValue.Number number) {
                return number.value();
            }
            throw mismatch("number", value);
        }

        private static Object bool(FilterValue value) {
            if (value instanceof FilterValue.Bool bool) {
                return bool.value();
            }
            throw mismatch("boolean", value);
        }

        private static Object dateTime(FilterValue value) {
            if (!(value instanceof FilterValue.Text text)) {
                throw mismatch("date-time", value);
            }
            OffsetDateTime parsed = DateTimes.parse(text.value()).orElseThrow(() -> new FilterException(
                    OperandCheck.describe(value) + " is not an RFC 3339 date-time such as \"2024-05-01T12:00:00Z\""));
            // PostgreSQL accepts offsets up to 15:59 only, and keeps years 1 to 9999 here: bound as UTC, in range
            OffsetDateTime utc = parsed.withOffsetSameInstant(ZoneOffset.UTC);
            if (utc.getYear() < 1 || utc.getYear() > 9999) {
                throw new FilterException(OperandCheck.describe(value) + " is outside the years 0001 to 9999");
            }
            return utc;
        }

        private static FilterException mismatch(String expected, FilterValue value) {
            return new FilterException("type mismatch: expected a " + expected + " value but found "
                    + OperandCheck.describe(value));
        }
    }
}
