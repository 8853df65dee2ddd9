package org.scimlog.audit.chain;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** The result of checking a tenant's hash chain over a time range. */
public record ChainVerification(boolean intact, long checkedEvents, long unsealedEvents,
                                @Nullable String firstBrokenUuid, @Nullable String problem,
                                Instant since, Instant until) {

    static ChainVerification intact(long checked, long unsealed, Instant since, Instant until) {
        return new ChainVerification(true, checked, unsealed, null, null, since, until);
    }

    static ChainVerification broken(long checked, String uuid, String problem, Instant since, Instant until) {
        return new ChainVerification(false, checked, 0, uuid, problem, since, until);
    }
}
