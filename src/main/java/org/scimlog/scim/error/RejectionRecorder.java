package org.scimlog.scim.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Outcome;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.filter.StorableText;
import org.scimlog.scim.RequestContexts;
import org.scimlog.scim.ResourceHandlers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records refused SCIM requests in the System Log (outcome FAILURE, the status, scimType and detail as the
 * reason), so support can see what a client tried and why it failed. Requests without a valid credential
 * belong to no tenant and are not recorded.
 */
@Singleton
public class RejectionRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(RejectionRecorder.class);
    private static final Pattern RESOURCE = Pattern.compile("/scim/v2(/[^/?]+)/([^/?]+)");

    private final RequestContexts contexts;
    private final AuditLog auditLog;
    private final ResourceHandlers handlers;

    public RejectionRecorder(RequestContexts contexts, AuditLog auditLog, ResourceHandlers handlers) {
        this.contexts = contexts;
        this.auditLog = auditLog;
        this.handlers = handlers;
    }

    public void record(HttpRequest<?> request, int status, @Nullable ScimType scimType, String detail) {
        contexts.find(request).ifPresent(context -> record(context, targets(request), status, scimType, detail));
    }

    /** A refusal within a request that was itself accepted: one operation of a bulk request. */
    public void record(RequestContext context, List<Target> targets, int status, @Nullable ScimType scimType,
                       String detail) {
        Map<String, Object> debug = new LinkedHashMap<>();
        debug.put("httpStatus", Integer.toString(status));
        if (scimType != null) {
            debug.put("scimType", scimType.keyword());
        }
        // a detail may quote what the client sent; text PostgreSQL cannot hold must not cost the record
        String reason = StorableText.replaceUnstorable(status + (scimType == null ? "" : " " + scimType.keyword()) + ": " + detail);
        EventDraft event = new EventDraft(EventType.SCIM_REJECTED, Outcome.failure(reason), targets, debug);
        try {
            auditLog.appendAlone(context, List.of(event));
        } catch (Exception e) {
            // checked SQL exceptions can arrive undeclared from the driver's batch; the client still gets its error; the failure to record it is the operator's to see
            LOG.error("could not record a rejected request {} in the System Log", context.requestId(), e);
        }
    }

    /** The resource a refused request was about, when its path names one of a type served. */
    private List<Target> targets(HttpRequest<?> request) {
        Matcher m = RESOURCE.matcher(request.getUri().getRawPath());
        if (!m.matches()) {
            return List.of();
        }
        return handlers.atEndpoint(m.group(1))
                .map(handler -> List.of(Target.of(m.group(2), handler.directory().targetType(), null, null)))
                .orElse(List.of());
    }
}
