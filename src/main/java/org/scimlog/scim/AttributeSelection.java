package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterParser;
import org.scimlog.filter.PatchPath;
import org.scimlog.schema.ResourceType;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * The "attributes" and "excludedAttributes" parameters (RFC 7644 §3.4.2.5, §3.9), applied to a full
 * representation. "id" and "schemas" are returned always. Names the schema does not know are ignored,
 * as they select nothing.
 */
public final class AttributeSelection {

    private static final Set<String> ALWAYS = Set.of("id", "schemas");
    public static final AttributeSelection ALL = new AttributeSelection(List.of(), List.of());

    /** A selected path: the member holding it (core or an extension URN), its attribute and optional sub-attribute. */
    private record Selected(@Nullable String extension, String attribute, @Nullable String subAttribute) {
    }

    private final List<Selected> included;
    private final List<Selected> excluded;

    private AttributeSelection(List<Selected> included, List<Selected> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    public static AttributeSelection of(@Nullable String attributes, @Nullable String excludedAttributes,
                                        ResourceType type) {
        if ((attributes == null || attributes.isBlank()) && (excludedAttributes == null || excludedAttributes.isBlank())) {
            return ALL;
        }
        return new AttributeSelection(parse("attributes", attributes, type), parse("excludedAttributes", excludedAttributes, type));
    }

    /** Whether the client chose nothing (neither attributes nor excludedAttributes): the default representation. */
    public boolean isDefault() {
        return this == ALL;
    }

    /**
     * Whether the result can hold anything of this core attribute, so that the server may skip reading
     * data (a group's members, a user's groups) that would be thrown away.
     */
    public boolean returns(String attribute) {
        if (this == ALL) {
            return true;
        }
        if (!included.isEmpty()) {
            return included.stream().anyMatch(s -> s.extension() == null && s.attribute().equalsIgnoreCase(attribute));
        }
        return excluded.stream().noneMatch(s -> s.extension() == null && s.subAttribute() == null
                && s.attribute().equalsIgnoreCase(attribute));
    }

    public ObjectNode apply(ObjectNode full) {
        if (this == ALL) {
            return full;
        }
        if (!included.isEmpty()) {
            ObjectNode out = full.objectNode();
            for (Iterator<String> names = full.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (ALWAYS.contains(name)) {
                    out.set(name, full.get(name));
                }
            }
            included.forEach(s -> copy(full, out, s));
            return out;
        }
        ObjectNode out = full.deepCopy();
        excluded.forEach(s -> remove(out, s));
        return out;
    }

    private static void copy(ObjectNode from, ObjectNode to, Selected s) {
        JsonNode source = s.extension() == null ? from : from.get(s.extension());
        if (source == null || !source.has(s.attribute())) {
            return;
        }
        ObjectNode target = s.extension() == null ? to : to.withObject("/" + escape(s.extension()));
        JsonNode value = source.get(s.attribute());
        if (s.subAttribute() == null) {
            target.set(s.attribute(), value);
        } else if (value.isArray()) {
            var projected = target.has(s.attribute()) && target.get(s.attribute()).isArray()
                    ? (com.fasterxml.jackson.databind.node.ArrayNode) target.get(s.attribute())
                    : target.putArray(s.attribute());
            for (int i = 0; i < value.size(); i++) {
                JsonNode sub = value.get(i).get(s.subAttribute());
                if (projected.size() <= i) {
                    projected.addObject();
                }
                if (sub != null) {
                    ((ObjectNode) projected.get(i)).set(s.subAttribute(), sub);
                }
            }
        } else if (value.has(s.subAttribute())) {
            target.withObject("/" + escape(s.attribute())).set(s.subAttribute(), value.get(s.subAttribute()));
        }
    }

    private static void remove(ObjectNode node, Selected s) {
        if (s.extension() == null && ALWAYS.contains(s.attribute())) {
            return;
        }
        JsonNode holder = s.extension() == null ? node : node.get(s.extension());
        if (!(holder instanceof ObjectNode container)) {
            return;
        }
        if (s.subAttribute() == null) {
            container.remove(s.attribute());
        } else {
            JsonNode value = container.get(s.attribute());
            if (value instanceof ObjectNode complex) {
                complex.remove(s.subAttribute());
            } else if (value != null && value.isArray()) {
                value.forEach(e -> ((ObjectNode) e).remove(s.subAttribute()));
            }
        }
        if (s.extension() != null && container.isEmpty()) {
            node.remove(s.extension());
        }
    }

    private static List<Selected> parse(String parameter, @Nullable String text, ResourceType type) {
        List<Selected> selected = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return selected;
        }
        for (String item : text.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            PatchPath path;
            try {
                path = FilterParser.parsePatchPath(trimmed);
            } catch (FilterException e) {
                throw ScimException.badRequest(ScimType.INVALID_VALUE,
                        parameter + ": '" + trimmed + "' is not an attribute path (" + e.getMessage() + ").");
            }
            if (path.valueFilter() != null) {
                throw ScimException.badRequest(ScimType.INVALID_VALUE,
                        parameter + ": '" + trimmed + "' must not contain a filter.");
            }
            canonical(path, type).ifPresent(selected::add);
        }
        return selected;
    }

    /** Case-insensitive names become the schema's canonical ones; unknown names select nothing. */
    private static java.util.Optional<Selected> canonical(PatchPath path, ResourceType type) {
        var attributePath = path.attribute();
        String urn = attributePath.schemaUrn();
        String attribute = attributePath.attribute();
        String sub = attributePath.subAttribute();
        if (urn == null || urn.equalsIgnoreCase(type.schema().id())) {
            if (attribute.equalsIgnoreCase("meta") || attribute.equalsIgnoreCase("id")
                    || attribute.equalsIgnoreCase("externalId") || attribute.equalsIgnoreCase("schemas")) {
                String name = attribute.equalsIgnoreCase("externalId") ? "externalId" : attribute.toLowerCase();
                return java.util.Optional.of(new Selected(null, name, sub == null ? null : metaName(sub)));
            }
            return type.schema().attribute(attribute).map(a -> new Selected(null, a.name(),
                    sub == null ? null : a.subAttribute(sub).map(org.scimlog.schema.Attribute::name).orElse(sub)));
        }
        return type.extension(urn).flatMap(e -> e.schema().attribute(attribute).map(a -> new Selected(
                e.schema().id(), a.name(),
                sub == null ? null : a.subAttribute(sub).map(org.scimlog.schema.Attribute::name).orElse(sub))));
    }

    private static String metaName(String sub) {
        for (String name : List.of("resourceType", "created", "lastModified", "location", "version")) {
            if (name.equalsIgnoreCase(sub)) {
                return name;
            }
        }
        return sub;
    }

    private static String escape(String pointerSegment) {
        return pointerSegment.replace("~", "~0").replace("/", "~1");
    }
}
