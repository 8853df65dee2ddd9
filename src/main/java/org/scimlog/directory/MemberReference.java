package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;

/**
 * A member as a client names it: the id text exactly as sent (it may be no UUID at all, or belong to
 * another tenant; the directory says which), and the optional display and type it gave.
 */
public record MemberReference(String value, @Nullable String display, @Nullable String type) {

    public static MemberReference of(String value) {
        return new MemberReference(value, null, null);
    }
}
