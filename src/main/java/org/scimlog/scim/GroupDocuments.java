package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.List;
import org.scimlog.directory.GroupDraft;
import org.scimlog.directory.MemberReference;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SchemaRegistry;

/**
 * A client's Group document (POST, PUT), validated like any resource and then split: the stored document
 * never holds members, which become membership rows.
 */
@Singleton
public class GroupDocuments {

    private static final String MEMBERS = "members";

    private final DocumentValidator validator;
    private final ResourceType type;

    public GroupDocuments(DocumentValidator validator, SchemaRegistry registry) {
        this.validator = validator;
        this.type = registry.group();
    }

    public GroupDraft draft(ObjectNode input) {
        ObjectNode document = validator.validate(input, type).document();
        JsonNode members = document.remove(MEMBERS);
        List<MemberReference> references = members == null ? List.of()
                : MemberValues.fromCanonical((ArrayNode) members, MEMBERS);
        return new GroupDraft(document, references);
    }

    /** A patched document (members are never in it) in canonical form. */
    public ObjectNode canonical(ObjectNode document) {
        ObjectNode validated = validator.validate(document, type).document();
        validated.remove(MEMBERS);
        return validated;
    }

    public void checkImmutable(ObjectNode existing, ObjectNode replacement) {
        validator.checkImmutable(existing, replacement, type);
    }
}
