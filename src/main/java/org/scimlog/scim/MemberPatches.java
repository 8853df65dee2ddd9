package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scimlog.directory.MemberEdit;
import org.scimlog.directory.MemberReference;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterValue;
import org.scimlog.filter.Operator;
import org.scimlog.filter.PatchPath;
import org.scimlog.schema.Attribute;
import org.scimlog.schema.ResourceType;
import org.scimlog.scim.error.ScimType;
import org.scimlog.scim.patch.PatchException;
import org.scimlog.scim.patch.PatchOp;
import org.scimlog.scim.patch.PatchOperation;

/**
 * Splits a Group PATCH into member edits (row inserts and deletes, never a member list in memory) and the
 * operations on the rest of the document, which {@link org.scimlog.scim.patch.PatchApplier} applies. The
 * member forms are those clients send:
 * <ul>
 *   <li>add, path "members" (or no path and {"members": [...]}): add these (Okta, Entra ID)</li>
 *   <li>remove, path {@code members[value eq "id"]} (Okta; "or" of several ids too)</li>
 *   <li>remove, path "members" with a value array (Entra ID); without a value: remove all</li>
 *   <li>replace, path "members" (or no path and {"members": [...]}): the list becomes exactly this one</li>
 * </ul>
 */
final class MemberPatches {

    private static final String MEMBERS = "members";

    record Split(List<PatchOperation> documentOperations, List<MemberEdit> memberEdits) {
    }

    private final Attribute members;

    MemberPatches(ResourceType groupType) {
        this.members = groupType.schema().attribute(MEMBERS).orElseThrow();
    }

    Split split(List<PatchOperation> operations) {
        List<PatchOperation> document = new ArrayList<>();
        List<MemberEdit> edits = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            PatchOperation operation = operations.get(i);
            String where = "Operations[" + i + "]";
            if (operation.path() == null) {
                splitPathless(operation, where, document, edits);
            } else if (isMembers(operation.path())) {
                edits.add(withPath(operation, where));
            } else {
                document.add(operation);
            }
        }
        return new Split(List.copyOf(document), List.copyOf(edits));
    }

    /** {"op": "add"|"replace", "value": {"displayName": ..., "members": [...]}}: members out, the rest stays. */
    private void splitPathless(PatchOperation operation, String where, List<PatchOperation> document,
                               List<MemberEdit> edits) {
        if (!(operation.value() instanceof ObjectNode value)) {
            document.add(operation);
            return;
        }
        ObjectNode rest = value.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(MEMBERS)) {
                rest.remove(field.getKey());
                edits.add(listEdit(operation.op(), field.getValue(), where + ".value.members"));
            }
        }
        if (!rest.isEmpty() || rest.size() == value.size()) {
            document.add(new PatchOperation(operation.op(), null, rest));
        }
    }

    private MemberEdit withPath(PatchOperation operation, String where) {
        PatchPath path = operation.path();
        if (path.attribute().subAttribute() != null || path.subAttribute() != null) {
            throw new PatchException(ScimType.INVALID_PATH, where + ": a member's sub-attributes cannot be patched;"
                    + " add or remove the member instead.");
        }
        if (path.valueFilter() != null) {
            if (operation.op() != PatchOp.REMOVE) {
                throw new PatchException(ScimType.INVALID_PATH, where + ": \"" + operation.op().keyword()
                        + "\" with a filter on members is not supported; use remove with members[value eq \"id\"],"
                        + " or add members with path \"members\".");
            }
            Set<String> ids = new LinkedHashSet<>();
            collectIds(path.valueFilter(), ids, where);
            return new MemberEdit.Remove(ids);
        }
        JsonNode value = operation.value();
        if (operation.op() == PatchOp.REMOVE) {
            if (value == null || value.isNull()) {
                return new MemberEdit.RemoveAll();
            }
            return new MemberEdit.Remove(MemberValues.read(members, value, where + ".value").stream()
                    .map(MemberReference::value).collect(LinkedHashSet::new, Set::add, Set::addAll));
        }
        if (value == null || value.isNull()) {
            return new MemberEdit.RemoveAll(); // replace with null: the attribute becomes unassigned
        }
        return listEdit(operation.op(), value, where + ".value");
    }

    private MemberEdit listEdit(PatchOp op, JsonNode value, String where) {
        List<MemberReference> references = MemberValues.read(members, value, where);
        return op == PatchOp.REPLACE ? new MemberEdit.Replace(references) : new MemberEdit.Add(references);
    }

    /** members[value eq "a"] or members[value eq "a" or value eq "b"]: the ids to remove. */
    private static void collectIds(Filter filter, Set<String> ids, String where) {
        if (filter instanceof Filter.Or or) {
            collectIds(or.left(), ids, where);
            collectIds(or.right(), ids, where);
            return;
        }
        if (filter instanceof Filter.Comparison comparison && comparison.operator() == Operator.EQ
                && comparison.path().schemaUrn() == null && comparison.path().names().size() == 1
                && comparison.path().attribute().equalsIgnoreCase("value")
                && comparison.value() instanceof FilterValue.Text text) {
            ids.add(text.value());
            return;
        }
        throw new PatchException(ScimType.INVALID_FILTER, where + ": members can be selected only by"
                + " value eq \"id\" (joined with or).");
    }

    private static boolean isMembers(PatchPath path) {
        return path.attribute().attribute().equalsIgnoreCase(MEMBERS)
                && (path.attribute().schemaUrn() == null
                || path.attribute().schemaUrn().equalsIgnoreCase("urn:ietf:params:scim:schemas:core:2.0:Group"));
    }
}
