package org.scimlog.audit;

import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        String credentialType,
        Map<String, Object> debugData) {

    public RequestContext {
        ipChain = List.copyOf(ipChain);
        debugData = Map.copyOf(debugData);
    }

    /** The same request recorded in another tenant's log (an operator's action on that tenant). */
    public RequestContext inTenant(UUID otherTenant) {
        return new RequestContext(otherTenant, actor, requestId, httpMethod, requestUri, userAgent, clientIp, ipChain,
                credentialType, debugData);
    }

    /** The same request with one more debugData entry that every event of it carries (e.g. httpStatus). */
    public RequestContext withDebug(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(debugData);
        more.put(key, value);
        return new RequestContext(tenantId, actor, requestId, httpMethod, requestUri, userAgent, clientIp, ipChain,
                credentialType, more);
    }
}
