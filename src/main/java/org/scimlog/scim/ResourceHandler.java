package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.scimlog.directory.ResourceDirectory;
import org.scimlog.directory.ResourceDraft;
import org.scimlog.directory.ResourcePage;
import org.scimlog.directory.ResourceRecord;
import org.scimlog.schema.ResourceType;

/**
 * What one resource type does with SCIM request bodies and how it shows its resources; everything else
 * (transactions, versions, ETags, events, paging, errors) is the same for every type and lives in
 * {@link ResourceOperations}, {@link ResourceEndpoint} and the {@link ResourceDirectory}.
 */
public interface ResourceHandler {

    ResourceDirectory directory();

    default ResourceType type() {
        return directory().type();
    }

    /** What a POST body asks to store (validated before any transaction starts). */
    ResourceDraft create(ObjectNode body);

    /** What a PUT body makes of the current resource, computed under its row lock. */
    Function<ResourceRecord, ResourceDraft> replace(ObjectNode body);

    /** What a PATCH body makes of the current resource, computed under its row lock. */
    Function<ResourceRecord, ResourceDraft> patch(ObjectNode body);

    /**
     * Whether a PATCH whose client chose no attributes is answered with the patched resource (200) or with no
     * body (204 and the ETag, which RFC 7644 §3.5.2 allows); asked before the change, so the change's event
     * records the status the client gets.
     */
    default boolean answersPatchWithResource(UUID tenantId, UUID id) {
        return true;
    }

    /** Full representations (RFC 7643 §3.1) of {@code records}, with only the selected attributes. */
    List<ObjectNode> present(List<ResourceRecord> records, AttributeSelection selection);

    /** A page of a search: a type whose page read what relates to its resources need not read it again. */
    default List<ObjectNode> present(ResourcePage page, AttributeSelection selection) {
        return present(page.resources(), selection);
    }

    default ObjectNode present(ResourceRecord record, AttributeSelection selection) {
        return present(List.of(record), selection).get(0);
    }

    /** A resource this request created; a type may know that it relates to nothing yet and skip reading it. */
    default ObjectNode presentCreated(ResourceRecord created, AttributeSelection selection) {
        return present(created, selection);
    }
}
