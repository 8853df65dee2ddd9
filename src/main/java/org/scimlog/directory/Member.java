package org.scimlog.directory;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/** A stored membership as a group's "members" shows it. */
public record Member(UUID id, MemberType type, @Nullable String display) {
}
