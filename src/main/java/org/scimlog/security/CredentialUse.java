package org.scimlog.security;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import io.micronaut.scheduling.TaskExecutors;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a credential's last use, to the minute: one UPDATE per credential and minute at most, off the
 * request's path, so Okta's thousands of requests a minute cost no write each.
 */
@Singleton
class CredentialUse {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialUse.class);
    private static final long PRECISION_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final TenantStore store;
    private final ExecutorService blocking;
    private final ConcurrentHashMap<UUID, Long> lastWritten = new ConcurrentHashMap<>();

    CredentialUse(TenantStore store, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    void used(Caller caller) {
        if (caller.kind() == CredentialKind.SSO) {
            return; // a person signed in through the company's provider has no credential row to mark
        }
        long now = System.nanoTime();
        Long before = lastWritten.get(caller.tokenId());
        if (before != null && now - before < PRECISION_NANOS) {
            return;
        }
        if (before == null ? lastWritten.putIfAbsent(caller.tokenId(), now) != null
                : !lastWritten.replace(caller.tokenId(), before, now)) {
            return; // another request of this credential is writing it
        }
        blocking.execute(() -> {
            try {
                store.markUsed(caller.tenantId(), caller.tokenId());
            } catch (RuntimeException e) {
                // a lost "last used" is not worth failing anything for; the next minute writes it again
                lastWritten.remove(caller.tokenId());
                LOG.warn("could not record a credential's last use ({})", e.getClass().getSimpleName());
            }
        });
    }
}
