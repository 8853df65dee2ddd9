package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A page of resources, the exact number that matched, and a keyset page's edges (see {@link KeysetPage}).
 *
 * @param memberOf the groups of each resource of the page, read by the page's own statement (a user's
 *                 groups); null for a type that does not read them with the page. A resource in no group has
 *                 no entry.
 */
public record ResourcePage(long total, List<ResourceRecord> resources, @Nullable PageEdges edges,
                           @Nullable Map<UUID, List<GroupMembership>> memberOf) {

    public ResourcePage {
        resources = List.copyOf(resources);
        memberOf = memberOf == null ? null : Map.copyOf(memberOf);
    }

    public ResourcePage(long total, List<ResourceRecord> resources, @Nullable PageEdges edges) {
        this(total, resources, edges, null);
    }
}
