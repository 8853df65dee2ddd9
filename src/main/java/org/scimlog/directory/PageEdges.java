package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;

/**
 * The first and last rows of a keyset page (in the list's order; null when the page is empty), and whether
 * rows are left beyond the page in the direction it was read.
 */
public record PageEdges(@Nullable KeysetPosition first, @Nullable KeysetPosition last, boolean more) {
}
