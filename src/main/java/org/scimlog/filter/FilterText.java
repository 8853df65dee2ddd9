package org.scimlog.filter;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes a parsed filter or PATCH path back as text, for error messages and the System Log: one spelling
 * whatever the client's spacing and keyword case, which {@link FilterParser} reads back to the same filter.
 *
 * <p>Parentheses appear only where the parsed tree needs them ("and" binds tighter than "or", both group
 * to the left), so the text is never nested deeper than what the client sent, and a left-to-right chain
 * prints as the client most likely wrote it: {@code a eq 1 and b eq 2 and c eq 3}.
 */
public final class FilterText implements Filter.Visitor<StringBuilder> {

    private final StringBuilder text = new StringBuilder();

    private FilterText() {
    }

    public static String of(Filter filter) {
        return filter.accept(new FilterText()).toString();
    }

    /** "emails[type eq \"work\"].value": the path a PATCH operation names. */
    public static String of(PatchPath path) {
        FilterText printer = new FilterText();
        printer.text.append(path.attribute());
        if (path.valueFilter() != null) {
            printer.text.append('[');
            path.valueFilter().accept(printer).append(']');
        }
        if (path.subAttribute() != null) {
            printer.text.append('.').append(path.subAttribute());
        }
        return printer.text.toString();
    }

    @Override
    public StringBuilder and(Filter.And and) {
        operand(and.left(), and.left() instanceof Filter.Or);
        text.append(" and ");
        return operand(and.right(), and.right() instanceof Filter.Or || and.right() instanceof Filter.And);
    }

    @Override
    public StringBuilder or(Filter.Or or) {
        operand(or.left(), false);
        text.append(" or ");
        return operand(or.right(), or.right() instanceof Filter.Or);
    }

    @Override
    public StringBuilder not(Filter.Not not) {
        text.append("not ");
        return operand(not.inner(), true);
    }

    @Override
    public StringBuilder comparison(Filter.Comparison comparison) {
        text.append(comparison.path()).append(' ').append(comparison.operator().keyword()).append(' ');
        return literal(comparison.value());
    }

    @Override
    public StringBuilder present(Filter.Present present) {
        return text.append(present.path()).append(" pr");
    }

    @Override
    public StringBuilder valuePath(Filter.ValuePath valuePath) {
        text.append(valuePath.path()).append('[');
        return valuePath.inner().accept(this).append(']');
    }

    /** Parenthesised when the tree groups differently from how the text would parse without them. */
    private StringBuilder operand(Filter filter, boolean grouped) {
        if (!grouped) {
            return filter.accept(this);
        }
        text.append('(');
        return filter.accept(this).append(')');
    }

    private StringBuilder literal(FilterValue value) {
        if (value instanceof FilterValue.Text string) {
            text.append('"');
            JsonStringEncoder.getInstance().quoteAsString(string.value(), text); // JSON escaping
            return text.append('"');
        }
        if (value instanceof FilterValue.Number number) {
            // toString, not toPlainString: "1e-999" stays short, and reads back to an equal BigDecimal (same scale)
            return text.append(number.value());
        }
        if (value instanceof FilterValue.Bool bool) {
            return text.append(bool.value());
        }
        return text.append("null");
    }
}
