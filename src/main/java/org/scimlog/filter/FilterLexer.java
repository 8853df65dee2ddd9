package org.scimlog.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits filter text into tokens. Anything that is not whitespace, a bracket, a parenthesis or a
 * string becomes a WORD (attribute paths, operators, keywords, numbers); the grammar decides what a
 * word means, which lets it report "expected an operator but found 'eqq'" at the right place.
 */
final class FilterLexer {

    private final String text;
    private int index;

    private FilterLexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        // a raw NUL or lone surrogate anywhere (not only in a literal): nothing with it can match a stored value
        StorableText.firstUnstorable(text).ifPresent(at -> {
            throw new FilterException("the filter " + StorableText.problemAt(text, at) + ", which no stored value holds", at);
        });
        return new FilterLexer(text).tokens();
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (index >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", "", text.length()));
                return tokens;
            }
            tokens.add(nextToken());
        }
    }

    private Token nextToken() {
        char c = text.charAt(index);
        return switch (c) {
            case '(' -> single(Token.Kind.LEFT_PAREN);
            case ')' -> single(Token.Kind.RIGHT_PAREN);
            case '[' -> single(Token.Kind.LEFT_BRACKET);
            case ']' -> single(Token.Kind.RIGHT_BRACKET);
            case '"' -> string();
            default -> word();
        };
    }

    private Token single(Token.Kind kind) {
        String raw = text.substring(index, index + 1);
        return new Token(kind, raw, raw, index++);
    }

    private Token word() {
        int start = index;
        while (index < text.length() && !endsWord(text.charAt(index))) {
            index++;
        }
        String raw = text.substring(start, index);
        return new Token(Token.Kind.WORD, raw, raw, start);
    }

    private static boolean endsWord(char c) {
        return isWhitespace(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '"';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private void skipWhitespace() {
        while (index < text.length() && isWhitespace(text.charAt(index))) {
            index++;
        }
    }

    /** A JSON string (RFC 8259 §7), which is what RFC 7644 prescribes for comparison values. */
    private Token string() {
        int start = index++;
        StringBuilder decoded = new StringBuilder();
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '"') {
                index++;
                requireStorable(decoded, start);
                return new Token(Token.Kind.STRING, text.substring(start, index), decoded.toString(), start);
            }
            if (c == '\\') {
                decoded.append(escape());
            } else if (c < 0x20) {
                throw new FilterException("control characters must be escaped in strings, at position " + index, index);
            } else {
                decoded.append(c);
                index++;
            }
        }
        throw new FilterException("unterminated string starting at position " + start, start);
    }

    /** Escapes can spell what cannot be stored ("\\u0000", "\\ud800"): refused, not compared. */
    private static void requireStorable(CharSequence decoded, int start) {
        StorableText.firstUnstorable(decoded).ifPresent(at -> {
            throw new FilterException("the string starting at position " + start + " "
                    + StorableText.problemAt(decoded, at) + ", which no stored value holds", start);
        });
    }

    private char escape() {
        int backslash = index;
        if (backslash + 1 >= text.length()) {
            throw badEscape(backslash);
        }
        char code = text.charAt(backslash + 1);
        index += 2;
        return switch (code) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicodeEscape(backslash);
            default -> throw badEscape(backslash);
        };
    }

    private char unicodeEscape(int backslash) {
        if (index + 4 > text.length()) {
            throw badEscape(backslash);
        }
        int codeUnit = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexDigit(text.charAt(index + i));
            if (digit < 0) {
                throw badEscape(backslash);
            }
            codeUnit = codeUnit * 16 + digit;
        }
        index += 4;
        return (char) codeUnit;
    }

    /** Character.digit would also accept non-ASCII digits, which JSON does not. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private FilterException badEscape(int backslash) {
        return new FilterException("invalid escape sequence at position " + backslash
                + " (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", backslash);
    }
}
