package org.scimlog.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a create, PUT or PATCH asks to store: the validated document, whether it set a password (the value
 * itself never comes here), and, for a group, the changes to its member list.
 */
public record ResourceDraft(ObjectNode document, boolean passwordSet, List<MemberEdit> memberEdits) {

    public ResourceDraft {
        memberEdits = List.copyOf(memberEdits);
    }

    public static ResourceDraft of(ObjectNode document) {
        return new ResourceDraft(document, false, List.of());
    }

    public static ResourceDraft withPassword(ObjectNode document, boolean passwordSet) {
        return new ResourceDraft(document, passwordSet, List.of());
    }

    public static ResourceDraft withMembers(ObjectNode document, List<MemberEdit> memberEdits) {
        return new ResourceDraft(document, false, memberEdits);
    }
}
