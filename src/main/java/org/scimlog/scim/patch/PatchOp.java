package org.scimlog.scim.patch;

import java.util.Locale;
import java.util.Optional;

/** The three PATCH operations of RFC 7644 §3.5.2. */
public enum PatchOp {
    ADD, REPLACE, REMOVE;

    /** RFC 7644 spells ops in lower case, but Entra ID sends "Add", "Replace", "Remove", so case is ignored. */
    public static Optional<PatchOp> fromName(String name) {
        for (PatchOp op : values()) {
            if (op.name().equalsIgnoreCase(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** The RFC spelling, for error messages. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
