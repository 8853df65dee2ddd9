package org.scimlog.filter;

import java.util.Locale;
import java.util.Optional;

/** Binary comparison operators; {@code pr} is not here because it takes no value ({@link Filter.Present}). */
public enum Operator {
    EQ, NE, CO, SW, EW, GT, GE, LT, LE;

    /** Operators are case-insensitive in filters ("userName EQ ..." is valid). */
    public static Optional<Operator> fromKeyword(String keyword) {
        for (Operator operator : values()) {
            if (operator.name().equalsIgnoreCase(keyword)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /** The spelling used in filters and error messages, e.g. "eq". */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** gt, ge, lt, le: only meaningful for values that have an order. */
    public boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    /** co, sw, ew: only meaningful for strings. */
    public boolean isSubstring() {
        return this == CO || this == SW || this == EW;
    }
}
