package org.scimlog.filter;

import java.util.OptionalInt;

/**
 * Text PostgreSQL can store. Its text and jsonb types cannot hold NUL (U+0000), and a lone UTF-16 surrogate
 * is not a Unicode scalar value, so UTF-8 cannot encode it (the driver would silently store '?'). Every
 * string a client sends is checked against this at the place it enters (JSON bodies, query parameters, path
 * segments, filter literals), so such text is refused with a 400 instead of failing in the database.
 */
public final class StorableText {

    private StorableText() {
    }

    /** The index of the first character that cannot be stored, if any. */
    public static OptionalInt firstUnstorable(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return OptionalInt.of(i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    public static boolean isStorable(CharSequence text) {
        return firstUnstorable(text).isEmpty();
    }

    /** What is wrong with the character at {@code index}, worded for an error detail (never the text itself). */
    public static String problemAt(CharSequence text, int index) {
        char c = text.charAt(index);
        return c == '\u0000'
                ? "contains a NUL character (U+0000) at character " + (index + 1)
                : "contains a lone surrogate (U+" + String.format("%04X", (int) c) + ", not a Unicode character) at character "
                        + (index + 1);
    }

    /** The same text with every unstorable character replaced by U+FFFD, for recording text that was refused. */
    public static String replaceUnstorable(String text) {
        OptionalInt first = firstUnstorable(text);
        if (first.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(c == '\u0000' || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
