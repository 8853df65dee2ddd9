package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.scimlog.directory.ResourceDirectory;
import org.scimlog.directory.ResourceDraft;
import org.scimlog.directory.ResourceRecord;
import org.scimlog.scim.patch.PatchApplier;
import org.scimlog.scim.patch.PatchOperation;
import org.scimlog.scim.patch.PatchRequestParser;

/**
 * The handler of a resource type stored as one document: a declared type as it is, and the User with its
 * groups added ({@link UserHandler}). A body is validated against the type's schemas; a PUT keeps immutable
 * values and the secrets it did not send; a PATCH applies to the stored document without the data of extensions
 * no longer declared, and the result is validated like a PUT. Only the fact that a password was sent reaches
 * the directory.
 */
class DocumentHandler implements ResourceHandler {

    private final ResourceDirectory directory;
    private final DocumentValidator validator;
    private final PatchApplier applier;
    private final ResourceRepresentation representation;

    DocumentHandler(ResourceDirectory directory, DocumentValidator validator, ResourceRepresentation representation) {
        this.directory = directory;
        this.validator = validator;
        this.applier = new PatchApplier(directory.type());
        this.representation = representation;
    }

    @Override
    public ResourceDirectory directory() {
        return directory;
    }

    @Override
    public ResourceDraft create(ObjectNode body) {
        DocumentValidator.ValidatedDocument validated = validator.validate(body, type());
        return ResourceDraft.withPassword(validated.document(), validated.password().isPresent());
    }

    @Override
    public Function<ResourceRecord, ResourceDraft> replace(ObjectNode body) {
        DocumentValidator.ValidatedDocument validated = validator.validate(body, type());
        return current -> {
            validator.checkImmutable(current.document(), validated.document(), type());
            ObjectNode document = validator.keepUnsentSecrets(current.document(), validated.document(), type());
            return ResourceDraft.withPassword(document, validated.password().isPresent());
        };
    }

    @Override
    public Function<ResourceRecord, ResourceDraft> patch(ObjectNode body) {
        List<PatchOperation> operations = PatchRequestParser.parse(body);
        return current -> {
            ObjectNode stored = current.documentCopy();
            UndeclaredExtensions.strip(stored, type());
            DocumentValidator.ValidatedDocument validated = validator.validate(applier.apply(stored, operations), type());
            return ResourceDraft.withPassword(validated.document(), validated.password().isPresent());
        };
    }

    @Override
    public List<ObjectNode> present(List<ResourceRecord> records, AttributeSelection selection) {
        return records.stream().map(r -> selection.apply(representation.of(type(), r, out -> { }))).toList();
    }
}
