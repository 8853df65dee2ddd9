package org.scimlog.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.scimlog.audit.Actor;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Outcome;
import org.scimlog.audit.RequestContext;
import org.scimlog.scim.RequestContexts;
import org.scimlog.security.Caller;
import org.scimlog.security.Rejection;
import org.scimlog.security.TenantAdministration;

/**
 * Every refused credential is a FAILURE event ({@code scimlog.credential.rejected}) with its reason: a 401 whose
 * request presented a credential that did not count (in the log of the tenant the credential names, else in the
 * operators' log), and a 403 for a scope the credential lacks (in its tenant's log). Requests that presented no
 * credential at all are not events. Nothing of the presented secret is recorded: an unknown credential is
 * "unknown", a Basic username only when it named a credential.
 */
@ServerFilter("/**")
public class RefusedCredentials implements Ordered {

    private final AuditLog log;
    private final RequestContexts contexts;
    private final ExecutorService blocking;
    private final ErrorBodies bodies;
    private final MeterRegistry registry;

    public RefusedCredentials(AuditLog log, RequestContexts contexts, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                              ErrorBodies bodies, MeterRegistry registry) {
        this.log = log;
        this.contexts = contexts;
        this.blocking = blocking;
        this.bodies = bodies;
        this.registry = registry;
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Rejection.of(request).filter(r -> r.retryAfterSeconds() != null && response.code() == 401)
                .ifPresent(throttled -> slowDown(request, response, throttled));
        Optional<RequestContext> context = switch (response.code()) {
            case 401, 429 -> Rejection.of(request).map(rejection -> rejected(request, rejection, response.code()));
            case 403 -> request.getUserPrincipal(Authentication.class)
                    .filter(a -> a.getAttributes().containsKey(Caller.ATTRIBUTE))
                    .map(a -> missingScope(request, a));
            default -> Optional.empty();
        };
        context.ifPresent(this::append);
    }

    /**
     * Records a refusal answered by a controller itself (the OAuth authorization server's endpoints, whose errors
     * are RFC 6749 bodies with their own statuses), as the same {@code scimlog.credential.rejected} event.
     */
    public void recordRefusal(HttpRequest<?> request, Rejection rejection, int status) {
        append(rejected(request, rejection, status));
    }

    private void append(RequestContext c) {
        String reason = String.valueOf(c.debugData().get("reason"));
        EventDraft event = new EventDraft(EventType.CREDENTIAL_REJECTED, Outcome.failure(reason), List.of(),
                c.debugData());
        blocking.execute(() -> log.appendAlone(c, List.of(event)));
    }

    /** Failed Basic logins that slow down or lock out answer 429 with Retry-After, not 401. */
    private void slowDown(HttpRequest<?> request, MutableHttpResponse<?> response, Rejection throttled) {
        response.status(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().remove(HttpHeaders.WWW_AUTHENTICATE);
        response.header(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
        bodies.fill(response, request.getPath(), "too many failed logins; retry after " + throttled.retryAfterSeconds() + " s");
        Counter.builder("scimlog.ratelimit.rejections")
                .description("Requests refused with 429 because a rate limit was used up")
                .tag("surface", request.getPath().startsWith("/scim/") ? "scim" : "logs").tag("reason", "basic-lockout")
                .register(registry).increment();
    }

    private RequestContext rejected(HttpRequest<?> request, Rejection rejection, int status) {
        boolean known = rejection.tenantId() != null;
        Actor actor = known
                ? new Actor(rejection.credentialId().toString(), "ApiToken", rejection.credentialName(),
                        rejection.credentialName() + " (" + rejection.tenantName() + ")")
                : new Actor("unknown", "ApiToken", "unknown", "an unknown credential");
        return contexts.unauthenticated(request, known ? rejection.tenantId() : TenantAdministration.OPERATORS_ID, actor,
                        rejection.kind().auditType())
                .withDebug("reason", rejection.reason())
                .withDebug("httpStatus", String.valueOf(status));
    }

    private RequestContext missingScope(HttpRequest<?> request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return contexts.of(request, authentication)
                .withDebug("reason", "missing scope for " + request.getMethodName() + " " + request.getPath())
                .withDebug("grantedScopes", caller.scopes())
                .withDebug("httpStatus", "403");
    }

    /** Outside the security filter, so it sees the 401 and 403 it answers. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 2;
    }
}
