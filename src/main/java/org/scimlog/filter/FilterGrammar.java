package org.scimlog.filter;

import java.util.List;

/**
 * Recursive-descent parser over the tokens of one filter or PATCH path.
 *
 * <pre>
 * filter    = or
 * or        = and *("or" and)                 ; "and" binds tighter than "or"
 * and       = unary *("and" unary)
 * unary     = "not" "(" or ")" / "(" or ")" / attrExpr
 * attrExpr  = path test / path "[" or "]" [ "." name test ]
 * test      = "pr" / op value
 * patchPath = path [ "[" or "]" [ "." name ] ]
 * </pre>
 *
 * {@code emails[type eq "work"].value eq "x"} (what Microsoft Entra ID sends) is read as
 * {@code emails[type eq "work" and value eq "x"]}: the same question ("some element matches both"), so it is
 * the same tree, answered by the same SQL and evaluator, and printed in the bracket form.
 *
 * Chains of and/or are built in loops, so only explicit nesting (parentheses, brackets) uses the
 * stack, and that is capped at {@link #MAX_NESTING}.
 */
final class FilterGrammar {

    static final int MAX_NESTING = 50;

    private static final int SCIM_MAX_NAMES = 2;

    private final List<Token> tokens;
    private final Dialect dialect;
    private int next;
    private int nesting;

    private FilterGrammar(String text, Dialect dialect) {
        this.tokens = FilterLexer.tokenize(text);
        this.dialect = dialect;
    }

    static Filter filter(String text, Dialect dialect) {
        FilterGrammar grammar = new FilterGrammar(text, dialect);
        Filter filter = grammar.or(false);
        grammar.expectEnd("'and', 'or' or end of input");
        return filter;
    }

    static PatchPath patchPath(String text) {
        FilterGrammar grammar = new FilterGrammar(text, Dialect.SCIM);
        AttributePath attribute = grammar.path();
        if (grammar.peek().kind() != Token.Kind.LEFT_BRACKET) {
            grammar.expectEnd("'[' or end of input");
            return new PatchPath(attribute, null, null);
        }
        Filter valueFilter = grammar.valueFilter(attribute, false);
        String subAttribute = grammar.subAttributeAfterBracket();
        grammar.expectEnd("'.' and a sub-attribute, or end of input");
        return new PatchPath(attribute, valueFilter, subAttribute);
    }

    private Filter or(boolean insideValueFilter) {
        Filter left = and(insideValueFilter);
        while (peek().isKeyword("or")) {
            advance();
            left = new Filter.Or(left, and(insideValueFilter));
        }
        return left;
    }

    private Filter and(boolean insideValueFilter) {
        Filter left = unary(insideValueFilter);
        while (peek().isKeyword("and")) {
            advance();
            left = new Filter.And(left, unary(insideValueFilter));
        }
        return left;
    }

    private Filter unary(boolean insideValueFilter) {
        Token token = peek();
        if (token.isKeyword("not")) {
            advance();
            Token open = peek();
            if (open.kind() != Token.Kind.LEFT_PAREN) {
                throw expected("'(' after 'not'", open);
            }
            return new Filter.Not(parenthesised(insideValueFilter));
        }
        if (token.kind() == Token.Kind.LEFT_PAREN) {
            return parenthesised(insideValueFilter);
        }
        return attributeExpression(insideValueFilter);
    }

    private Filter parenthesised(boolean insideValueFilter) {
        Token open = advance();
        enterNesting(open);
        Filter inner = or(insideValueFilter);
        expectClosing(Token.Kind.RIGHT_PAREN, open);
        nesting--;
        return inner;
    }

    private Filter attributeExpression(boolean insideValueFilter) {
        AttributePath path = path();
        Token token = peek();
        if (token.kind() == Token.Kind.LEFT_BRACKET) {
            Filter valueFilter = valueFilter(path, insideValueFilter);
            String subAttribute = subAttributeAfterBracket();
            if (subAttribute == null) {
                return new Filter.ValuePath(path, valueFilter);
            }
            Filter test = test(AttributePath.of(subAttribute));
            return new Filter.ValuePath(path, new Filter.And(valueFilter, test));
        }
        return test(path);
    }

    /** "pr" or an operator and its value, after a path. */
    private Filter test(AttributePath path) {
        Token token = peek();
        if (token.isKeyword("pr")) {
            advance();
            if (LiteralReader.looksLikeValue(peek())) {
                throw new FilterException("'pr' takes no value, but found " + peek().describe()
                        + " at position " + peek().start(), peek().start());
            }
            return new Filter.Present(path);
        }
        if (token.kind() != Token.Kind.WORD) {
            throw expected("a comparison operator", token);
        }
        Operator operator = Operator.fromKeyword(token.raw())
                .orElseThrow(() -> expected("a comparison operator", token));
        advance();
        Token valueToken = advance();
        FilterValue value = LiteralReader.read(valueToken);
        OperandCheck.requireCompatible(operator, value, valueToken.start());
        return new Filter.Comparison(path, operator, value);
    }

    private AttributePath path() {
        Token token = peek();
        if (token.kind() != Token.Kind.WORD || isReservedWord(token)) {
            throw expected("an attribute path", token);
        }
        advance();
        int maxNames = dialect == Dialect.SCIM ? SCIM_MAX_NAMES : Integer.MAX_VALUE;
        return AttributePathReader.read(token, maxNames);
    }

    /** Reserved so that "a eq 1 or or b eq 2" reports the doubled keyword, not a confusing operator error. */
    private static boolean isReservedWord(Token token) {
        return token.isKeyword("and") || token.isKeyword("or") || token.isKeyword("not");
    }

    /** Parses "[...]" after a path; the current token is "[". */
    private Filter valueFilter(AttributePath path, boolean insideValueFilter) {
        Token open = peek();
        if (dialect == Dialect.OKTA_LOG) {
            throw new FilterException("value filters ('[...]') are not supported in System Log filters, at position "
                    + open.start(), open.start());
        }
        if (insideValueFilter) {
            throw new FilterException("value filters cannot be nested, at position " + open.start(), open.start());
        }
        // SCIM has no multi-valued attributes inside complex ones, so "name.x[...]" can never select anything.
        if (path.names().size() > 1) {
            throw new FilterException("a value filter must follow a top-level attribute, not '" + path.dotted()
                    + "', at position " + open.start(), open.start());
        }
        advance();
        enterNesting(open);
        Filter inner = or(true);
        expectClosing(Token.Kind.RIGHT_BRACKET, open);
        nesting--;
        return inner;
    }

    /** "emails[type eq \"work\"].value": the ".value" is lexed as one word glued to the "]". */
    private String subAttributeAfterBracket() {
        Token close = tokens.get(next - 1);
        Token token = peek();
        if (!isGluedSubAttribute(close, token)) {
            return null;
        }
        advance();
        return AttributePathReader.readName(token.raw().substring(1), token.start() + 1);
    }

    private static boolean isGluedSubAttribute(Token close, Token token) {
        return token.kind() == Token.Kind.WORD && token.start() == close.end() && token.raw().startsWith(".");
    }

    private void enterNesting(Token open) {
        if (++nesting > MAX_NESTING) {
            throw new FilterException("filter is nested deeper than " + MAX_NESTING + " levels at position "
                    + open.start(), open.start());
        }
    }

    private void expectClosing(Token.Kind closing, Token open) {
        Token token = peek();
        if (token.kind() != closing) {
            String symbol = closing == Token.Kind.RIGHT_PAREN ? "')'" : "']'";
            throw expected(symbol + " to close " + open.describe() + " from position " + open.start() + ",", token);
        }
        advance();
    }

    private void expectEnd(String whatElse) {
        Token token = peek();
        if (token.kind() != Token.Kind.END) {
            throw expected(whatElse, token);
        }
    }

    private static FilterException expected(String what, Token found) {
        return new FilterException("expected " + what + " at position " + found.start() + " but found "
                + found.describe(), found.start());
    }

    private Token peek() {
        return tokens.get(next);
    }

    /** Returns the current token and moves on; never moves past END so peeking stays safe. */
    private Token advance() {
        Token token = tokens.get(next);
        if (token.kind() != Token.Kind.END) {
            next++;
        }
        return token;
    }
}
