package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** A page of resources, the exact number that matched, and a keyset page's edges (see {@link KeysetPage}). */
public record ResourcePage(long total, List<ResourceRecord> resources, @Nullable PageEdges edges) {

    public ResourcePage {
        resources = List.copyOf(resources);
    }
}
