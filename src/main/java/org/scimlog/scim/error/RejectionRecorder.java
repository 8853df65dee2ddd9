package org.scimlog.scim.error;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Outcome;
import org.scimlog.audit.ReadRecording;
import org.scimlog.audit.RequestContext;
import org.scimlog.audit.Target;
import org.scimlog.database.SafeFailure;
import org.scimlog.directory.ResourceDirectory;
import org.scimlog.filter.StorableText;
import org.scimlog.scim.RequestContexts;
import org.scimlog.scim.ResourceHandlers;
import org.scimlog.scim.ResourceIds;
import org.scimlog.scim.ScimJson;
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
    private static final Pattern COLLECTION = Pattern.compile("/scim/v2(/[^/?]+)/?");

    private final RequestContexts contexts;
    private final AuditLog auditLog;
    private final ResourceHandlers handlers;
    private final ScimJson json;
    private final ReadRecording recording;

    public RejectionRecorder(RequestContexts contexts, AuditLog auditLog, ResourceHandlers handlers, ScimJson json,
                             ReadRecording recording) {
        this.contexts = contexts;
        this.recording = recording;
        this.auditLog = auditLog;
        this.handlers = handlers;
        this.json = json;
    }

    public void record(HttpRequest<?> request, int status, @Nullable ScimType scimType, String detail) {
        if (isRead(request) && !recording.recordsRefusedReads()) {
            return;
        }
        contexts.find(request).ifPresent(context -> record(context, targets(context, request), status, scimType, detail));
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

    /** GET (and HEAD), and the POST of a search ({@code .search}), which reads and changes nothing. */
    private static boolean isRead(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        return method == HttpMethod.GET || method == HttpMethod.HEAD
                || method == HttpMethod.POST && request.getUri().getRawPath().endsWith("/.search");
    }

    /**
     * The resource a refused request was about, named as a successful request's events name it: by its path's
     * id (with its name when it exists), or for a refused create by what the body names.
     */
    private List<Target> targets(RequestContext context, HttpRequest<?> request) {
        String path = request.getUri().getRawPath();
        Matcher resource = RESOURCE.matcher(path);
        if (resource.matches()) {
            return handlers.atEndpoint(resource.group(1))
                    .map(handler -> List.of(targetOf(context, handler.directory(), resource.group(2))))
                    .orElse(List.of());
        }
        Matcher collection = COLLECTION.matcher(path);
        if (collection.matches() && HttpMethod.POST.equals(request.getMethod())) {
            return handlers.atEndpoint(collection.group(1))
                    .flatMap(handler -> body(request).flatMap(body -> targetNamedBy(handler.directory(), body)))
                    .map(List::of).orElse(List.of());
        }
        return List.of();
    }

    /**
     * The target of a refused request on the resource {@code id}: its name and displayName too when it exists
     * in the tenant (a read of its own row, recording no read event), else the id alone.
     */
    public Target targetOf(RequestContext context, ResourceDirectory directory, String id) {
        Target idAlone = Target.of(id, directory.targetType(), null, null);
        Optional<UUID> uuid = ResourceIds.parse(id);
        if (uuid.isEmpty()) {
            return idAlone;
        }
        try {
            return directory.targetOf(context.tenantId(), uuid.get()).orElse(idAlone);
        } catch (RuntimeException e) {
            // the refusal may be the database failing; it is still recorded, by id
            LOG.warn("could not name the target of rejected request {}: {}", context.requestId(), SafeFailure.describe(e));
            return idAlone;
        }
    }

    /** The resource a refused create's body names (no id: it never got one), when the body names one. */
    public Optional<Target> targetNamedBy(ResourceDirectory directory, @Nullable JsonNode body) {
        return body == null ? Optional.empty() : directory.targetNamedBy(body);
    }

    /** The body of a refused request, when it was read and is a JSON object. */
    private Optional<JsonNode> body(HttpRequest<?> request) {
        try {
            return request.getBody(byte[].class).map(json::parseObject);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
