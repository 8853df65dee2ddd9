package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;

/**
 * Which rows a keyset page takes: those after {@code position} in the list's order, or (backward) those before
 * it, nearest first. {@code inclusive} also takes the row at the position; a null position starts at the
 * list's beginning (or, backward, its end).
 */
public record Keyset(@Nullable KeysetPosition position, boolean backward, boolean inclusive) {

    public static Keyset fromStart() {
        return new Keyset(null, false, false);
    }
}
