package org.scimlog.security;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A credential row as the authenticator needs it: who it stands for, and every reason it might not count. */
record StoredCredential(Caller caller, @Nullable Instant revokedAt, boolean tenantDisabled,
                        @Nullable String passwordHash, @Nullable JwtIssuer jwtIssuer, @Nullable OAuthClient client) {
}
