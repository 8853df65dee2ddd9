package org.scimlog.filter;

/**
 * Rejects operator/value pairs that can never be meaningful, both when parsing and when a resolver
 * builds SQL directly, so "userName gt true" fails the same way everywhere.
 */
final class OperandCheck {

    private OperandCheck() {
    }

    static void requireCompatible(Operator operator, FilterValue value, int position) {
        if (operator.isOrdering() && (value instanceof FilterValue.Bool || value instanceof FilterValue.Null)) {
            throw new FilterException("'" + operator.keyword() + "' needs a string, number or date-time"
                    + at(position) + ", but " + describe(value) + " is not ordered", position);
        }
        if (operator.isSubstring() && !(value instanceof FilterValue.Text)) {
            throw new FilterException("'" + operator.keyword() + "' needs a string value" + at(position)
                    + " but found " + describe(value), position);
        }
    }

    static String describe(FilterValue value) {
        if (value instanceof FilterValue.Text text) {
            return "\"" + text.value() + "\"";
        }
        if (value instanceof FilterValue.Number number) {
            return number.value().toString();
        }
        if (value instanceof FilterValue.Bool bool) {
            return Boolean.toString(bool.value());
        }
        return "null";
    }

    private static String at(int position) {
        return position == FilterException.NO_POSITION ? "" : " at position " + position;
    }
}
