package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** A tenant as operators see it. A disabled tenant's credentials all get 401; its data stays. */
public record Tenant(UUID id, String name, Instant created, @Nullable Instant disabledAt) {
}
