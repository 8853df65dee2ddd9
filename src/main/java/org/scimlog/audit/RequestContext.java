package org.scimlog.audit;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.UUID;

/**
 * The request an event belongs to: tenant, actor, client and HTTP facts. Built once per request by the
 * HTTP layer; the directory passes it through to every event its transaction appends.
 */
public record RequestContext(
        UUID tenantId,
        Actor actor,
        String requestId,
        String httpMethod,
        String requestUri,
        @Nullable String userAgent,
        @Nullable String clientIp,
        List<String> ipChain,
        String credentialType) {

    public RequestContext {
        ipChain = List.copyOf(ipChain);
    }
}
