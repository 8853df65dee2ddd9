package org.scimlog.scim.bulk;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/** The limits of a bulk request (RFC 7644 §3.7.4), from configuration; /ServiceProviderConfig advertises them. */
@Singleton
public class BulkSettings {

    private final int maxOperations;
    private final long maxPayloadBytes;

    public BulkSettings(@Value("${scimlog.scim.bulk.max-operations:1000}") int maxOperations,
                        @Value("${scimlog.scim.bulk.max-payload-bytes:1048576}") long maxPayloadBytes,
                        HttpServerConfiguration server) {
        if (maxOperations < 1 || maxPayloadBytes < 1) {
            throw new IllegalStateException("scimlog.scim.bulk: max-operations and max-payload-bytes must be positive");
        }
        this.maxOperations = maxOperations;
        // A body beyond the server's own limit is refused before it reaches /Bulk, so advertising more
        // than that limit would promise clients something the server cannot keep.
        this.maxPayloadBytes = Math.min(maxPayloadBytes, server.getMaxRequestSize());
    }

    public int maxOperations() {
        return maxOperations;
    }

    public long maxPayloadBytes() {
        return maxPayloadBytes;
    }
}
