package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.scimlog.directory.ResourceDraft;
import org.scimlog.directory.ResourceRecord;
import org.scimlog.schema.ResourceType;
import org.scimlog.scim.patch.PatchApplier;
import org.scimlog.scim.patch.PatchOperation;
import org.scimlog.scim.patch.PatchRequestParser;

/**
 * The drafts of a resource type stored as one document (a User, a declared type): a body is validated against
 * the type's schemas; a PUT keeps read-only and immutable values and the secrets it did not send; a PATCH
 * applies to the stored document without the data of extensions no longer declared, and the result is
 * validated like a PUT. Only the fact that a password was sent reaches the directory.
 */
final class DocumentDrafts {

    private final ResourceType type;
    private final DocumentValidator validator;
    private final PatchApplier applier;

    DocumentDrafts(ResourceType type, DocumentValidator validator) {
        this.type = type;
        this.validator = validator;
        this.applier = new PatchApplier(type);
    }

    ResourceDraft create(ObjectNode body) {
        DocumentValidator.ValidatedDocument validated = validator.validate(body, type);
        return ResourceDraft.withPassword(validated.document(), validated.password().isPresent());
    }

    Function<ResourceRecord, ResourceDraft> replace(ObjectNode body) {
        DocumentValidator.ValidatedDocument validated = validator.validate(body, type);
        return current -> {
            validator.checkImmutable(current.document(), validated.document(), type);
            ObjectNode document = validator.keepUnsentSecrets(current.document(), validated.document(), type);
            return ResourceDraft.withPassword(document, validated.password().isPresent());
        };
    }

    Function<ResourceRecord, ResourceDraft> patch(ObjectNode body) {
        List<PatchOperation> operations = PatchRequestParser.parse(body);
        return current -> {
            ObjectNode stored = current.documentCopy();
            UndeclaredExtensions.strip(stored, type);
            DocumentValidator.ValidatedDocument validated = validator.validate(applier.apply(stored, operations), type);
            return ResourceDraft.withPassword(validated.document(), validated.password().isPresent());
        };
    }
}
