package org.scimlog.scim.patch;

import org.scimlog.filter.AttributePath;
import org.scimlog.filter.Filter;
import org.scimlog.schema.Attribute;

/** Refuses value filters that name anything but the sub-attributes of the filtered attribute. */
final class ValueFilterCheck implements Filter.Visitor<Void> {

    private final Attribute attribute;

    private ValueFilterCheck(Attribute attribute) {
        this.attribute = attribute;
    }

    static void requireKnownSubAttributes(Filter filter, Attribute attribute) {
        filter.accept(new ValueFilterCheck(attribute));
    }

    @Override
    public Void and(Filter.And and) {
        and.left().accept(this);
        return and.right().accept(this);
    }

    @Override
    public Void or(Filter.Or or) {
        or.left().accept(this);
        return or.right().accept(this);
    }

    @Override
    public Void not(Filter.Not not) {
        return not.inner().accept(this);
    }

    @Override
    public Void comparison(Filter.Comparison comparison) {
        return requireSubAttribute(comparison.path());
    }

    @Override
    public Void present(Filter.Present present) {
        return requireSubAttribute(present.path());
    }

    @Override
    public Void valuePath(Filter.ValuePath valuePath) {
        throw Errors.invalidPath("the value filter of '" + attribute.name() + "' may not contain another value filter");
    }

    private Void requireSubAttribute(AttributePath path) {
        boolean known = path.schemaUrn() == null && path.names().size() == 1
                && attribute.subAttribute(path.attribute()).isPresent();
        if (!known) {
            throw Errors.invalidPath("the value filter of '" + attribute.name() + "' refers to '" + path
                    + "', which is not a sub-attribute of '" + attribute.name() + "'");
        }
        return null;
    }
}
