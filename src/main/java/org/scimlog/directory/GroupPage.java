package org.scimlog.directory;

import java.util.List;

/** A page of groups and the exact number that matched. */
public record GroupPage(long total, List<GroupRecord> groups) {

    public GroupPage {
        groups = List.copyOf(groups);
    }
}
