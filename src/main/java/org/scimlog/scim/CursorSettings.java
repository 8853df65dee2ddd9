package org.scimlog.scim;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that signs list cursors, and how long a cursor stays valid. Every instance behind one load
 * balancer must share the secret (a cursor issued by one is followed on another), so it is configuration,
 * never a per-process random key. Without one the built-in default still makes garbled cursors fail their
 * check, but anyone who reads this source could sign one: that lets a caller start a page anywhere in the
 * lists of its own tenant (positions are bound as SQL parameters, the tenant comes from the credential),
 * which it can do with startIndex anyway; a warning at startup says so.
 */
@Singleton
public class CursorSettings {

    private static final Logger LOG = LoggerFactory.getLogger(CursorSettings.class);
    private static final String BUILT_IN = "scimlog-default-cursor-secret: set SCIMLOG_CURSOR_SECRET";
    private static final int MIN_SECRET_BYTES = 16;

    private final byte[] secret;
    private final Duration lifetime;

    public CursorSettings(@Value("${scimlog.scim.cursor.secret:}") String secret,
                          @Value("${scimlog.scim.cursor.lifetime:24h}") Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalStateException("scimlog.scim.cursor.lifetime must be positive");
        }
        if (secret == null || secret.isBlank()) {
            LOG.warn("scimlog.scim.cursor.secret (SCIMLOG_CURSOR_SECRET) is not set: list cursors are signed with "
                    + "the built-in default key; set one secret shared by every instance");
            secret = BUILT_IN;
        } else if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("scimlog.scim.cursor.secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.lifetime = lifetime;
    }

    byte[] secret() {
        return secret.clone();
    }

    public Duration lifetime() {
        return lifetime;
    }
}
