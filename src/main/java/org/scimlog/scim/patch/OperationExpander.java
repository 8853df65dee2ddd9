package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterParser;
import org.scimlog.scim.error.ScimType;
import org.scimlog.schema.Mutability;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.Schema;

/**
 * Turns a PATCH operation into changes on resolved targets. An add or replace without a path carries an
 * object whose members are applied as if each were the path (RFC 7644 §3.5.2.1, §3.5.2.3); Entra ID puts
 * URN-qualified names ("urn:...:enterprise:2.0:User:department") and whole extension objects there.
 */
final class OperationExpander {

    private final ResourceType type;
    private final TargetResolver resolver;

    OperationExpander(ResourceType type) {
        this.type = type;
        this.resolver = new TargetResolver(type);
    }

    List<Change> expand(PatchOperation operation, ObjectNode document) {
        if (operation.op() != PatchOp.REMOVE && operation.value() == null) {
            throw Errors.invalidValue(operation.op().keyword() + " needs a \"value\"");
        }
        if (operation.path() != null) {
            return List.of(new Change(operation.op(), resolver.resolve(operation.path()), operation.value()));
        }
        if (operation.op() == PatchOp.REMOVE) {
            throw Errors.noTarget("remove needs a \"path\" naming what to remove");
        }
        if (!operation.value().isObject()) {
            throw Errors.invalidValue(operation.op().keyword()
                    + " without a \"path\" needs an object of attributes as its \"value\"");
        }
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : fields(operation.value())) {
            String name = member.getKey();
            if (name.equalsIgnoreCase("schemas")) {
                continue; // the server derives "schemas" from the extensions present; an echo of it is harmless
            }
            Optional<Schema> wholeSchema = type.schemaByUrn(name);
            if (wholeSchema.isPresent()) {
                changes.addAll(schemaMembers(operation.op(), wholeSchema.get(), member.getValue(), document));
            } else {
                memberChange(operation.op(), name, member.getValue(), document).ifPresent(changes::add);
            }
        }
        return changes;
    }

    /** {"urn:...:enterprise:2.0:User": {"department": "X"}}: each member is an attribute of that schema. */
    private List<Change> schemaMembers(PatchOp op, Schema schema, JsonNode members, ObjectNode document) {
        if (!members.isObject()) {
            throw Errors.invalidValue("'" + schema.id() + "' must be an object of that schema's attributes");
        }
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : fields(members)) {
            memberChange(op, schema.id() + ":" + member.getKey(), member.getValue(), document)
                    .ifPresent(changes::add);
        }
        return changes;
    }

    private Optional<Change> memberChange(PatchOp op, String name, JsonNode value, ObjectNode document) {
        PatchTarget target;
        try {
            target = resolver.resolve(FilterParser.parsePatchPath(name));
        } catch (FilterException e) {
            throw Errors.invalidValue("the value names '" + name + "', which is not an attribute: " + e.getMessage());
        } catch (PatchException e) {
            // In a value, an unknown name is a bad value rather than a bad path (RFC 7644 §3.12).
            throw e.scimType() == ScimType.INVALID_PATH ? Errors.invalidValue("the value names an unknown "
                    + "attribute: " + e.detail()) : e;
        }
        return isEchoOfReadOnly(target, value, document) ? Optional.empty() : Optional.of(new Change(op, target, value));
    }

    /**
     * A client sending back the resource it read includes "id" and "meta"; equal read-only values change
     * nothing, so they are skipped instead of failing the request. Any different value still fails.
     */
    private static boolean isEchoOfReadOnly(PatchTarget target, JsonNode value, ObjectNode document) {
        if (target.attribute().mutability() != Mutability.READ_ONLY || target.subAttribute() != null
                || target.valueFilter() != null) {
            return false;
        }
        ObjectNode container = ResourceContainers.find(document, target.extensionUrn());
        return container != null && value.equals(container.get(target.attribute().name()));
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode object) {
        return object::fields;
    }
}
