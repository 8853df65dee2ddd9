package org.scimlog.filter;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Reads the comparison value: RFC 7644 requires a JSON literal (string, number, true, false, null). */
final class LiteralReader {

    /** JSON number syntax: no leading zeros, no leading '+', no bare '.5'. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private LiteralReader() {
    }

    /** True when the token could be a comparison value; lets the grammar reject "userName pr \"x\"". */
    static boolean looksLikeValue(Token token) {
        return token.kind() == Token.Kind.STRING
                || token.isKeyword("true") || token.isKeyword("false") || token.isKeyword("null")
                || (token.kind() == Token.Kind.WORD && JSON_NUMBER.matcher(token.raw()).matches());
    }

    static FilterValue read(Token token) {
        if (token.kind() == Token.Kind.STRING) {
            return new FilterValue.Text(token.value());
        }
        if (token.isKeyword("true")) {
            return new FilterValue.Bool(true);
        }
        if (token.isKeyword("false")) {
            return new FilterValue.Bool(false);
        }
        if (token.isKeyword("null")) {
            return new FilterValue.Null();
        }
        if (token.kind() == Token.Kind.WORD && JSON_NUMBER.matcher(token.raw()).matches()) {
            return number(token);
        }
        throw new FilterException("expected a value (a \"string\", number, true, false or null) at position "
                + token.start() + " but found " + token.describe(), token.start());
    }

    /** PostgreSQL's numeric, which filter values are bound as, holds no more digits than this either side of the point. */
    private static final int MAX_NUMBER_DIGITS = 1000;

    private static FilterValue number(Token token) {
        BigDecimal number;
        try {
            number = new BigDecimal(token.raw());
        } catch (NumberFormatException exponentTooLarge) {
            throw new FilterException("number out of range at position " + token.start(), token.start());
        }
        if (number.signum() != 0 && (number.precision() - number.scale() > MAX_NUMBER_DIGITS
                || number.scale() > MAX_NUMBER_DIGITS)) {
            throw new FilterException("number out of range at position " + token.start() + " (at most "
                    + MAX_NUMBER_DIGITS + " digits before and after the point)", token.start());
        }
        return new FilterValue.Number(number);
    }
}
