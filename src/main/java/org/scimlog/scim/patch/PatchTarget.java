package org.scimlog.scim.patch;

import org.scimlog.filter.Filter;
import org.scimlog.schema.Attribute;

/**
 * A PATCH path checked against the schema: where in the document an operation acts.
 *
 * @param extensionUrn null for core attributes (top level), else the extension's canonical URN (its object's key)
 * @param subAttribute null unless the path names one ("name.familyName", "emails[...].value")
 * @param valueFilter  null unless the path selects elements of a multi-valued attribute
 */
record PatchTarget(String extensionUrn, Attribute attribute, Attribute subAttribute, Filter valueFilter) {

    /** How error messages name the target, with canonical spelling: "emails.value", "urn:...:User:manager". */
    String label() {
        String prefix = extensionUrn == null ? "" : extensionUrn + ":";
        String suffix = subAttribute == null ? "" : "." + subAttribute.name();
        return prefix + attribute.name() + suffix;
    }

    String attributeLabel() {
        return (extensionUrn == null ? "" : extensionUrn + ":") + attribute.name();
    }
}
