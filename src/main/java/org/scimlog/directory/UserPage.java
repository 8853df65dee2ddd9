package org.scimlog.directory;

import java.util.List;

/** A page of users and the exact number that matched. */
public record UserPage(long total, List<UserRecord> users) {

    public UserPage {
        users = List.copyOf(users);
    }
}
