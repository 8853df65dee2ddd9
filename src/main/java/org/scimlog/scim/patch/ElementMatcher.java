package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterEvaluator;
import org.scimlog.schema.Attribute;

/** Tests elements of a multi-valued attribute against a value filter, honouring each sub-attribute's caseExact. */
final class ElementMatcher {

    private final Filter filter;
    private final Attribute attribute;

    ElementMatcher(Filter filter, Attribute attribute) {
        this.filter = filter;
        this.attribute = attribute;
    }

    boolean matches(JsonNode element) {
        return FilterEvaluator.matches(filter, element, path -> attribute.subAttribute(path.attribute())
                .map(Attribute::caseExact)
                .orElse(false));
    }
}
