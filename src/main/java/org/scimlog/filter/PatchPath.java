package org.scimlog.filter;

import java.util.Objects;

/**
 * Target of a PATCH operation (RFC 7644 §3.5.2: PATH = attrPath / valuePath [subAttr]).
 *
 * @param attribute    the attribute, possibly with a sub-attribute when there is no value filter
 * @param valueFilter  selects elements of a multi-valued attribute; null when absent
 * @param subAttribute sub-attribute of the selected elements ("emails[...].value"); only with a value filter
 */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {

    public PatchPath {
        Objects.requireNonNull(attribute, "attribute");
        if (subAttribute != null && valueFilter == null) {
            throw new IllegalArgumentException("a sub-attribute after a value filter needs the value filter");
        }
    }
}
