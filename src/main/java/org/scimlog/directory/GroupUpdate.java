package org.scimlog.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a PUT or PATCH makes of a group: its new document (without members) and the member changes. */
public record GroupUpdate(ObjectNode document, List<MemberEdit> memberEdits) {

    public GroupUpdate {
        memberEdits = List.copyOf(memberEdits);
    }
}
