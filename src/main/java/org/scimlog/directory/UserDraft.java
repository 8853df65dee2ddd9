package org.scimlog.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A validated document to store, and whether the request set a password (the value itself never comes here). */
public record UserDraft(ObjectNode document, boolean passwordSet) {
}
