package org.scimlog.directory;

import java.util.Set;

/** An If-Match precondition: any version, or one of the listed ones. */
public record ExpectedVersion(boolean any, Set<Long> versions) {

    public static final ExpectedVersion ANY = new ExpectedVersion(true, Set.of());

    public ExpectedVersion {
        versions = Set.copyOf(versions);
    }

    public static ExpectedVersion oneOf(Set<Long> versions) {
        return new ExpectedVersion(false, versions);
    }

    public boolean accepts(long version) {
        return any || versions.contains(version);
    }
}
