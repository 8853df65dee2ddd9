package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** A page of groups, the exact number that matched, and a keyset page's edges. */
public record GroupPage(long total, List<GroupRecord> groups, @Nullable PageEdges edges) {

    public GroupPage {
        groups = List.copyOf(groups);
    }

    public GroupPage(long total, List<GroupRecord> groups) {
        this(total, groups, null);
    }
}
