package org.scimlog.filter;

/** Builds LIKE patterns for co/sw/ew so user text never acts as a wildcard. */
final class LikePattern {

    /** Used with {@code ESCAPE '\'} in the SQL. */
    static final char ESCAPE = '\\';

    private LikePattern() {
    }

    static String forOperator(Operator operator, String text) {
        String literal = escape(text);
        return switch (operator) {
            case CO -> "%" + literal + "%";
            case SW -> literal + "%";
            case EW -> "%" + literal;
            default -> throw new IllegalArgumentException(operator + " is not a substring operator");
        };
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                escaped.append(ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
