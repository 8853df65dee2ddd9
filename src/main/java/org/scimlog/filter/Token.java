package org.scimlog.filter;

/**
 * One lexical unit of a filter.
 *
 * @param raw   the source text of the token (empty for {@link Kind#END})
 * @param value the decoded string for {@link Kind#STRING}, otherwise the same as raw
 * @param start 0-based index of the first character in the filter text
 */
record Token(Kind kind, String raw, String value, int start) {

    enum Kind { WORD, STRING, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, END }

    private static final int MAX_QUOTED_LENGTH = 30;

    int end() {
        return start + raw.length();
    }

    /** Keywords (and, or, not, pr) are case-insensitive. */
    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && raw.equalsIgnoreCase(keyword);
    }

    /** For "... but found X" in error messages; long strings are cut so messages stay readable. */
    String describe() {
        if (kind == Kind.END) {
            return "end of input";
        }
        String shown = raw.length() > MAX_QUOTED_LENGTH ? raw.substring(0, MAX_QUOTED_LENGTH) + "..." : raw;
        return "'" + shown + "'";
    }
}
