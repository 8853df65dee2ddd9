package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import org.scimlog.audit.RequestContext;
import org.scimlog.directory.ExpectedVersion;
import org.scimlog.directory.UserDirectory;
import org.scimlog.directory.UserDraft;
import org.scimlog.directory.UserRecord;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.scim.patch.PatchApplier;
import org.scimlog.scim.patch.PatchOperation;
import org.scimlog.scim.patch.PatchRequestParser;

/**
 * User writes from SCIM request bodies; shared by /Users and /Bulk so both behave (and log) alike. The
 * events carry the status a single request answers with, so a bulk operation's events read the same.
 */
@Singleton
public class UserResources {

    private final UserDirectory directory;
    private final DocumentValidator validator;
    private final PatchApplier applier;
    private final ResourceType type;

    public UserResources(UserDirectory directory, DocumentValidator validator, SchemaRegistry registry) {
        this.directory = directory;
        this.validator = validator;
        this.type = registry.user();
        this.applier = new PatchApplier(type);
    }

    public UserRecord create(RequestContext context, ObjectNode body) {
        DocumentValidator.ValidatedDocument validated = validator.validate(body, type);
        return directory.create(context.withDebug("httpStatus", "201"),
                new UserDraft(validated.document(), validated.password().isPresent())).after();
    }

    public UserRecord replace(RequestContext context, UUID id, ExpectedVersion expected, ObjectNode body) {
        DocumentValidator.ValidatedDocument validated = validator.validate(body, type);
        return directory.update(context.withDebug("httpStatus", "200"), id, expected, current -> {
            validator.checkImmutable(current.document(), validated.document(), type);
            return new UserDraft(validated.document(), validated.password().isPresent());
        }).after();
    }

    public UserRecord patch(RequestContext context, UUID id, ExpectedVersion expected, ObjectNode body) {
        List<PatchOperation> operations = PatchRequestParser.parse(body);
        return directory.update(context.withDebug("httpStatus", "200"), id, expected, current -> {
            ObjectNode stored = current.documentCopy();
            UndeclaredExtensions.strip(stored, type);
            ObjectNode patched = applier.apply(stored, operations);
            DocumentValidator.ValidatedDocument validated = validator.validate(patched, type);
            return new UserDraft(validated.document(), validated.password().isPresent());
        }).after();
    }

    public void delete(RequestContext context, UUID id, ExpectedVersion expected) {
        directory.delete(context.withDebug("httpStatus", "204"), id, expected);
    }
}
