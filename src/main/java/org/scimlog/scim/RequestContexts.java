package org.scimlog.scim;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimlog.audit.Actor;
import org.scimlog.audit.RequestContext;
import org.scimlog.filter.FilterLiterals;
import org.scimlog.filter.FilterText;
import org.scimlog.security.Caller;
import org.scimlog.security.ClientAddresses;
import org.scimlog.security.CredentialKind;

/** Builds the audit context of a SCIM request: tenant and actor from the credential, client from the connection. */
@Singleton
public class RequestContexts {

    private final ClientAddresses addresses;

    public RequestContexts(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    public RequestContext of(HttpRequest<?> request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Actor actor = new Actor(caller.tokenId().toString(), actorType(caller.kind()), caller.tokenName(),
                caller.tokenName() + " (" + caller.tenantName() + ")");
        List<String> chain = addresses.ipChain(request);
        return new RequestContext(caller.tenantId(), actor, RequestIds.of(request), request.getMethodName(),
                request.getUri().getRawPath(), request.getHeaders().get(HttpHeaders.USER_AGENT),
                chain.get(0), chain, caller.kind().auditType(), Map.of());
    }

    /** Okta's actor types: an API token, or the OAuth client whose access token was presented. */
    private static String actorType(CredentialKind kind) {
        return switch (kind) {
            case BEARER -> "ApiToken";
            case BASIC -> "ApiCredential";
            case JWT, OAUTH -> "PublicClientApp";
            case SSO -> "User";
        };
    }

    /** A request no credential authenticated, recorded in {@code tenantId}'s log under {@code actor}. */
    public RequestContext unauthenticated(HttpRequest<?> request, java.util.UUID tenantId, Actor actor, String credentialType) {
        List<String> chain = addresses.ipChain(request);
        return new RequestContext(tenantId, actor, RequestIds.of(request), request.getMethodName(),
                request.getUri().getRawPath(), request.getHeaders().get(HttpHeaders.USER_AGENT),
                chain.get(0), chain, credentialType, Map.of());
    }

    /**
     * A search's event carries its filter, as parsed and printed in one spelling (so one search reads the same
     * in the log whatever the client's spacing or keyword case), and, as filterValues, the strings it compares
     * against: those (a userName, an email) are what a support engineer searches the log for with q.
     */
    public RequestContext forSearch(HttpRequest<?> request, Authentication authentication, ListRequest list) {
        RequestContext context = of(request, authentication).withDebug("httpStatus", "200");
        if (list.parsedFilter() == null) {
            return context;
        }
        context = context.withDebug("filter", FilterText.of(list.parsedFilter()));
        List<String> values = FilterLiterals.textsOf(list.parsedFilter());
        return values.isEmpty() ? context : context.withDebug("filterValues", values);
    }

    /** For failures: the request may have been refused before or without authentication. */
    public Optional<RequestContext> find(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .filter(a -> a.getAttributes().containsKey(Caller.ATTRIBUTE))
                .map(a -> of(request, a));
    }
}
