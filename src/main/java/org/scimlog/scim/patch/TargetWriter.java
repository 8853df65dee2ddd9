package org.scimlog.scim.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Carries out a change on the object that holds the target attribute (the document or an extension object). */
interface TargetWriter {

    void write(ObjectNode container, Change change);
}
