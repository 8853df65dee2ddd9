package org.scimlog.oauth;

import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.scimlog.audit.Actor;
import org.scimlog.audit.AuditLog;
import org.scimlog.audit.EventDraft;
import org.scimlog.audit.EventType;
import org.scimlog.audit.Target;
import org.scimlog.scim.RequestContexts;
import org.scimlog.security.Caller;

/**
 * What the authorization server did that a tenant's security review wants to find: who allowed which client
 * (Okta's {@code app.oauth2.as.consent.grant}) and revocations ({@code app.oauth2.as.token.revoke}), in the
 * tenant's log. Appended after the change, like admin events; never a code or token.
 */
@Singleton
class OAuthEvents {

    private final AuditLog log;
    private final RequestContexts contexts;
    private final ExecutorService blocking;

    OAuthEvents(AuditLog log, RequestContexts contexts, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.log = log;
        this.contexts = contexts;
        this.blocking = blocking;
    }

    void consented(HttpRequest<?> request, Caller signedIn, Caller client, List<String> scopes) {
        append(request, signedIn, client, EventDraft.success(EventType.OAUTH_CONSENT_GRANT, List.of(clientTarget(client)),
                Map.of("scopes", scopes)));
    }

    void revoked(HttpRequest<?> request, Caller client) {
        append(request, client, client, EventDraft.success(EventType.OAUTH_TOKEN_REVOKE, List.of(clientTarget(client)), Map.of()));
    }

    private void append(HttpRequest<?> request, Caller actor, Caller client, EventDraft draft) {
        var context = contexts.unauthenticated(request, client.tenantId(), new Actor(actor.tokenId().toString(),
                        actor.kind() == org.scimlog.security.CredentialKind.BASIC ? "ApiCredential" : "PublicClientApp",
                        actor.tokenName(), actor.tokenName() + " (" + actor.tenantName() + ")"),
                actor.kind().auditType());
        blocking.execute(() -> log.appendAlone(context, List.of(draft)));
    }

    private static Target clientTarget(Caller client) {
        return Target.of(client.tokenId().toString(), "PublicClientApp", client.tokenName(),
                client.tokenName() + " (" + client.tenantName() + ")");
    }
}
