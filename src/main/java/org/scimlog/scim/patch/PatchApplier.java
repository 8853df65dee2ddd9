package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.scimlog.filter.FilterText;
import org.scimlog.schema.ResourceType;

/** Applies PATCH operations (RFC 7644 §3.5.2) to a SCIM resource document of one resource type. */
public final class PatchApplier {

    private final OperationExpander expander;
    private final ChangeApplier changes = new ChangeApplier();
    private final PrimaryRule primaryRule;
    private final DocumentTidier tidier;

    public PatchApplier(ResourceType type) {
        Objects.requireNonNull(type, "type");
        this.expander = new OperationExpander(type);
        this.primaryRule = new PrimaryRule(type);
        this.tidier = new DocumentTidier(type);
    }

    /**
     * Returns a NEW document (input untouched) with all operations applied in order; atomic: any failure
     * throws and nothing is returned. The work happens on a copy so that a failing operation cannot leave
     * the earlier ones half-visible (RFC 7644 §3.5.2: the PATCH as a whole succeeds or fails).
     */
    public ObjectNode apply(ObjectNode resource, List<PatchOperation> operations) {
        ObjectNode working = resource.deepCopy();
        for (int i = 0; i < operations.size(); i++) {
            PatchOperation operation = operations.get(i);
            try {
                applyOne(working, operation);
            } catch (PatchException e) {
                throw e.within("Operations[" + i + "] (" + describe(operation) + ")");
            }
        }
        return working;
    }

    private void applyOne(ObjectNode working, PatchOperation operation) {
        Set<JsonNode> primariesBefore = primaryRule.primariesIn(working);
        for (Change change : expander.expand(operation, working)) {
            changes.apply(working, change);
        }
        primaryRule.enforce(working, primariesBefore);
        tidier.tidy(working);
    }

    private static String describe(PatchOperation operation) {
        String path = operation.path() == null ? "without path" : FilterText.of(operation.path());
        return operation.op().keyword() + " " + path;
    }
}
