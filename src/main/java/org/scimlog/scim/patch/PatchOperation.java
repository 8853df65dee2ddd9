package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.scimlog.filter.PatchPath;

/**
 * One entry of a PATCH request's "Operations" array.
 *
 * @param path  null when the request gave none (add/replace then carry an object of attributes)
 * @param value null when the request gave none; a JSON null node when it gave {@code "value": null}
 */
public record PatchOperation(PatchOp op, PatchPath path, JsonNode value) {

    public PatchOperation {
        Objects.requireNonNull(op, "op");
    }
}
