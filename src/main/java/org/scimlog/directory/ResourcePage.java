package org.scimlog.directory;

import java.util.List;

/** A page of resources and the exact number that matched. */
public record ResourcePage(long total, List<ResourceRecord> resources) {

    public ResourcePage {
        resources = List.copyOf(resources);
    }
}
