package org.scimlog.scim.patch;

import org.scimlog.filter.AttributePath;
import org.scimlog.filter.Filter;
import org.scimlog.schema.Attribute;

/** Refuses value filters that name anything but the sub-attributes of the filtered attribute. */
final class ValueFilterCheck {

    private ValueFilterCheck() {
    }

    static void requireKnownSubAttributes(Filter filter, Attribute attribute) {
        if (filter instanceof Filter.And and) {
            requireKnownSubAttributes(and.left(), attribute);
            requireKnownSubAttributes(and.right(), attribute);
        } else if (filter instanceof Filter.Or or) {
            requireKnownSubAttributes(or.left(), attribute);
            requireKnownSubAttributes(or.right(), attribute);
        } else if (filter instanceof Filter.Not not) {
            requireKnownSubAttributes(not.inner(), attribute);
        } else if (filter instanceof Filter.Comparison comparison) {
            requireSubAttribute(comparison.path(), attribute);
        } else if (filter instanceof Filter.Present present) {
            requireSubAttribute(present.path(), attribute);
        } else {
            throw Errors.invalidPath("the value filter of '" + attribute.name()
                    + "' may not contain another value filter");
        }
    }

    private static void requireSubAttribute(AttributePath path, Attribute attribute) {
        boolean known = path.schemaUrn() == null && path.names().size() == 1
                && attribute.subAttribute(path.attribute()).isPresent();
        if (!known) {
            throw Errors.invalidPath("the value filter of '" + attribute.name() + "' refers to '" + path
                    + "', which is not a sub-attribute of '" + attribute.name() + "'");
        }
    }
}
