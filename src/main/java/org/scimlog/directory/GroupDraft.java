package org.scimlog.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A validated group document (without members) and the complete member list the client asked for. */
public record GroupDraft(ObjectNode document, List<MemberReference> members) {

    public GroupDraft {
        members = List.copyOf(members);
    }
}
