package org.scimlog.filter;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares one non-null JSON value with a filter value. Values of different JSON types never match,
 * and ne is handled by the caller as "not eq", so this only answers positive questions.
 */
final class JsonValueComparison {

    private JsonValueComparison() {
    }

    static boolean test(JsonNode node, Operator operator, FilterValue value, boolean caseExact) {
        if (value instanceof FilterValue.Text text) {
            return node.isTextual() && text(node.textValue(), operator, text.value(), caseExact);
        }
        if (value instanceof FilterValue.Number number) {
            return node.isNumber() && ordered(node.decimalValue().compareTo(number.value()), operator);
        }
        if (value instanceof FilterValue.Bool bool) {
            return node.isBoolean() && operator == Operator.EQ && node.booleanValue() == bool.value();
        }
        return false;
    }

    private static boolean text(String actual, Operator operator, String expected, boolean caseExact) {
        if (operator.isSubstring()) {
            String haystack = caseExact ? actual : fold(actual);
            String needle = caseExact ? expected : fold(expected);
            return switch (operator) {
                case CO -> haystack.contains(needle);
                case SW -> haystack.startsWith(needle);
                default -> haystack.endsWith(needle);
            };
        }
        Optional<OffsetDateTime> actualInstant = DateTimes.parse(actual);
        Optional<OffsetDateTime> expectedInstant = DateTimes.parse(expected);
        if (actualInstant.isPresent() && expectedInstant.isPresent()) {
            return ordered(actualInstant.get().toInstant().compareTo(expectedInstant.get().toInstant()), operator);
        }
        int order = caseExact ? actual.compareTo(expected) : fold(actual).compareTo(fold(expected));
        return ordered(order, operator);
    }

    private static String fold(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static boolean ordered(int order, Operator operator) {
        return switch (operator) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            default -> throw new IllegalArgumentException(operator + " is not an ordering comparison");
        };
    }
}
