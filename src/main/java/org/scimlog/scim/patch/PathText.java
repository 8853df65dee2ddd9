package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.node.TextNode;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterValue;
import org.scimlog.filter.PatchPath;

/** Writes a parsed path back as text, so error messages show the client the path it sent. */
final class PathText {

    private PathText() {
    }

    static String of(PatchPath path) {
        StringBuilder text = new StringBuilder(path.attribute().toString());
        if (path.valueFilter() != null) {
            text.append('[').append(of(path.valueFilter())).append(']');
        }
        if (path.subAttribute() != null) {
            text.append('.').append(path.subAttribute());
        }
        return text.toString();
    }

    static String of(Filter filter) {
        if (filter instanceof Filter.And and) {
            return grouped(and.left()) + " and " + grouped(and.right());
        }
        if (filter instanceof Filter.Or or) {
            return grouped(or.left()) + " or " + grouped(or.right());
        }
        if (filter instanceof Filter.Not not) {
            return "not (" + of(not.inner()) + ")";
        }
        if (filter instanceof Filter.Comparison comparison) {
            return comparison.path() + " " + comparison.operator().keyword() + " " + literal(comparison.value());
        }
        if (filter instanceof Filter.Present present) {
            return present.path() + " pr";
        }
        Filter.ValuePath valuePath = (Filter.ValuePath) filter;
        return valuePath.path() + "[" + of(valuePath.inner()) + "]";
    }

    /** Parenthesises nested and/or so the rendering keeps the parsed precedence. */
    private static String grouped(Filter filter) {
        boolean binary = filter instanceof Filter.And || filter instanceof Filter.Or;
        return binary ? "(" + of(filter) + ")" : of(filter);
    }

    private static String literal(FilterValue value) {
        if (value instanceof FilterValue.Text text) {
            return new TextNode(text.value()).toString(); // JSON quoting and escaping
        }
        if (value instanceof FilterValue.Number number) {
            return number.value().toPlainString();
        }
        if (value instanceof FilterValue.Bool bool) {
            return Boolean.toString(bool.value());
        }
        return "null";
    }
}
