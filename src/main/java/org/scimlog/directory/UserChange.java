package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;

/** What one write did: the user before (null on create) and after (null on delete). */
public record UserChange(@Nullable UserRecord before, @Nullable UserRecord after, boolean passwordSet) {

    public boolean changed() {
        return before == null || after == null || before.version() != after.version();
    }
}
