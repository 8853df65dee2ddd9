package org.scimlog.filter;

import java.util.ArrayList;
import java.util.List;

/** The string values a filter compares against, in the order written: what a filter is looking for. */
public final class FilterLiterals implements Filter.Visitor<List<String>> {

    private final List<String> texts = new ArrayList<>();

    private FilterLiterals() {
    }

    public static List<String> textsOf(Filter filter) {
        return filter.accept(new FilterLiterals());
    }

    @Override
    public List<String> and(Filter.And and) {
        and.left().accept(this);
        return and.right().accept(this);
    }

    @Override
    public List<String> or(Filter.Or or) {
        or.left().accept(this);
        return or.right().accept(this);
    }

    @Override
    public List<String> not(Filter.Not not) {
        return not.inner().accept(this);
    }

    @Override
    public List<String> comparison(Filter.Comparison comparison) {
        if (comparison.value() instanceof FilterValue.Text text) {
            texts.add(text.value());
        }
        return texts;
    }

    @Override
    public List<String> present(Filter.Present present) {
        return texts;
    }

    @Override
    public List<String> valuePath(Filter.ValuePath valuePath) {
        return valuePath.inner().accept(this);
    }
}
