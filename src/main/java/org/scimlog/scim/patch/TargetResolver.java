package org.scimlog.scim.patch;

import java.util.Optional;
import org.scimlog.filter.AttributePath;
import org.scimlog.filter.PatchPath;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.Schema;

/** Checks a parsed PATCH path against the resource type and says where it points. */
final class TargetResolver {

    private final ResourceType type;

    TargetResolver(ResourceType type) {
        this.type = type;
    }

    PatchTarget resolve(PatchPath path) {
        AttributePath attributePath = path.attribute();
        Schema schema = schema(attributePath.schemaUrn());
        boolean core = schema.id().equals(type.schema().id());
        Attribute attribute = attribute(schema, core, attributePath.attribute());
        if (attributePath.names().size() > 2) {
            throw Errors.invalidPath("'" + attributePath + "' is nested too deeply; SCIM paths name an "
                    + "attribute and at most one sub-attribute");
        }
        String subName = attributePath.subAttribute();
        if (path.valueFilter() != null) {
            if (!attribute.multiValued() || !attribute.isComplex()) {
                throw Errors.invalidPath("'" + attribute.name() + "' is not a multi-valued complex attribute, "
                        + "so it cannot take a value filter");
            }
            ValueFilterCheck.requireKnownSubAttributes(path.valueFilter(), attribute);
            subName = path.subAttribute();
        }
        Attribute sub = subName == null ? null : subAttribute(attribute, subName);
        return new PatchTarget(core ? null : schema.id(), attribute, sub, path.valueFilter());
    }

    private Schema schema(String urn) {
        if (urn == null) {
            return type.schema();
        }
        return type.schemaByUrn(urn).orElseThrow(() -> Errors.invalidPath("'" + urn
                + "' is not a schema of " + type.name() + " resources"));
    }

    private static Attribute attribute(Schema schema, boolean core, String name) {
        // id, externalId, meta and schemas belong to every resource but to no schema (RFC 7643 §3.1).
        return schema.attribute(name)
                .or(() -> core ? CommonAttributes.find(name) : Optional.empty())
                .orElseThrow(() -> Errors.invalidPath("'" + name + "' is not an attribute of schema "
                        + schema.id()));
    }

    private static Attribute subAttribute(Attribute attribute, String name) {
        if (!attribute.isComplex()) {
            throw Errors.invalidPath("'" + attribute.name() + "' has no sub-attributes, so '"
                    + attribute.name() + "." + name + "' does not exist");
        }
        return attribute.subAttribute(name).orElseThrow(() -> Errors.invalidPath("'" + name
                + "' is not a sub-attribute of '" + attribute.name() + "'"));
    }
}
