package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.scimlog.directory.ResourceDirectory;
import org.scimlog.directory.ResourceDraft;
import org.scimlog.directory.ResourceRecord;

/** A resource type declared in configuration: one document each, shown as it is stored. */
final class DeclaredHandler implements ResourceHandler {

    private final ResourceDirectory directory;
    private final DocumentDrafts drafts;
    private final ResourceRepresentation representation;

    DeclaredHandler(ResourceDirectory directory, DocumentValidator validator, ResourceRepresentation representation) {
        this.directory = directory;
        this.drafts = new DocumentDrafts(directory.type(), validator);
        this.representation = representation;
    }

    @Override
    public ResourceDirectory directory() {
        return directory;
    }

    @Override
    public ResourceDraft create(ObjectNode body) {
        return drafts.create(body);
    }

    @Override
    public Function<ResourceRecord, ResourceDraft> replace(ObjectNode body) {
        return drafts.replace(body);
    }

    @Override
    public Function<ResourceRecord, ResourceDraft> patch(ObjectNode body) {
        return drafts.patch(body);
    }

    @Override
    public List<ObjectNode> present(List<ResourceRecord> records, AttributeSelection selection) {
        return records.stream().map(r -> selection.apply(representation.of(type(), r, out -> { }))).toList();
    }
}
