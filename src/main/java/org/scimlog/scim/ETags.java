package org.scimlog.scim;

import io.micronaut.core.annotation.Nullable;
import java.util.HashSet;
import java.util.Set;
import org.scimlog.directory.ExpectedVersion;

/** Weak ETags over the resource version (RFC 7644 §3.14): W/"3". */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /** If-Match: absent or "*" accepts any version; otherwise the listed tags (weak or strong, compared weakly). */
    public static ExpectedVersion ifMatch(@Nullable String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return ExpectedVersion.ANY;
        }
        return ExpectedVersion.oneOf(versions(header));
    }

    /** If-None-Match on a read: true when the client already holds this version. */
    public static boolean noneMatchHits(@Nullable String header, long version) {
        if (header == null || header.isBlank()) {
            return false;
        }
        return header.trim().equals("*") || versions(header).contains(version);
    }

    /** Tags that are not ours can match nothing, so they are simply left out. */
    private static Set<Long> versions(String header) {
        Set<Long> versions = new HashSet<>();
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            try {
                versions.add(Long.parseLong(t));
            } catch (NumberFormatException ignored) {
                // a foreign tag
            }
        }
        return versions;
    }
}
