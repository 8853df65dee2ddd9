package org.scimlog.filter;

import java.util.ArrayList;
import java.util.List;

/** The string values a filter compares against, in the order written: what a filter is looking for. */
public final class FilterLiterals {

    private FilterLiterals() {
    }

    public static List<String> textsOf(Filter filter) {
        List<String> texts = new ArrayList<>();
        collect(filter, texts);
        return texts;
    }

    private static void collect(Filter filter, List<String> texts) {
        if (filter instanceof Filter.And and) {
            collect(and.left(), texts);
            collect(and.right(), texts);
        } else if (filter instanceof Filter.Or or) {
            collect(or.left(), texts);
            collect(or.right(), texts);
        } else if (filter instanceof Filter.Not not) {
            collect(not.inner(), texts);
        } else if (filter instanceof Filter.ValuePath valuePath) {
            collect(valuePath.inner(), texts);
        } else if (filter instanceof Filter.Comparison comparison && comparison.value() instanceof FilterValue.Text text) {
            texts.add(text.value());
        }
    }
}
