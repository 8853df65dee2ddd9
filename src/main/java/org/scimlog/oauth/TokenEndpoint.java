package org.scimlog.oauth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.scimlog.security.AuthorizationServer;
import org.scimlog.security.AuthorizationServer.Tokens;
import org.scimlog.security.Caller;
import org.scimlog.security.OAuthProblem;
import org.scimlog.web.RefusedCredentials;

/**
 * The token endpoint (RFC 6749 §3.2: authorization_code and refresh_token grants) and the revocation endpoint
 * (RFC 7009). Clients authenticate with client_secret_basic or client_secret_post, never both. Every refusal is an
 * RFC 6749 §5.2 body and a {@code scimlog.credential.rejected} event.
 */
@Controller("/oauth2/v1")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokenEndpoint {

    private final AuthorizationServer server;
    private final RefusedCredentials refusals;
    private final OAuthEvents events;
    private final OAuthRateLimits limits;

    TokenEndpoint(AuthorizationServer server, RefusedCredentials refusals, OAuthEvents events, OAuthRateLimits limits) {
        this.server = server;
        this.refusals = refusals;
        this.events = events;
        this.limits = limits;
    }

    @Post(value = "/token", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> token(HttpRequest<?> request, @Body @Nullable String body) {
        return answer(request, body, (client, clientId, form) -> {
            String grantType = form.get("grant_type");
            Tokens tokens = switch (grantType == null ? "" : grantType) {
                case "authorization_code" -> server.exchangeCode(client, clientId, form.get("code"), form.get("redirect_uri"),
                        form.get("code_verifier"));
                case "refresh_token" -> server.refresh(client, clientId, form.get("refresh_token"), form.get("scope"));
                case "" -> throw OAuthProblem.invalidRequest("invalid_request", "grant_type is required", client);
                default -> throw OAuthProblem.invalidRequest("unsupported_grant_type",
                        "grant_type must be authorization_code or refresh_token", client);
            };
            ObjectNode answer = JsonNodeFactory.instance.objectNode();
            answer.put("access_token", tokens.accessToken());
            answer.put("token_type", "Bearer");
            answer.put("expires_in", tokens.expiresIn());
            answer.put("refresh_token", tokens.refreshToken());
            answer.put("scope", tokens.scope());
            return OAuthAnswers.json(200, answer);
        });
    }

    /** RFC 7009 §2.2: 200 whether or not the token existed, so the endpoint is no oracle for tokens. */
    @Post(value = "/revoke", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> revoke(HttpRequest<?> request, @Body @Nullable String body) {
        return answer(request, body, (client, clientId, form) -> {
            if (server.revoke(client, form.get("token"), request)) {
                events.revoked(request, client);
            }
            return HttpResponse.<String>ok().header(HttpHeaders.CACHE_CONTROL, "no-store");
        });
    }

    private interface Step {
        MutableHttpResponse<String> run(Caller client, String clientId, FormParameters form);
    }

    private HttpResponse<String> answer(HttpRequest<?> request, @Nullable String body, Step step) {
        Optional<OAuthRateLimits.Refusal> limited = limits.take(request, OAuthRateLimits.clientId(request, body));
        if (limited.isPresent()) {
            return OAuthAnswers.error(429, "temporarily_unavailable", limited.get().description())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(limited.get().retryAfterSeconds()));
        }
        boolean basic = request.getHeaders().getAuthorization().map(h -> h.regionMatches(true, 0, "Basic ", 0, 6)).orElse(false);
        try {
            if (!request.getContentType().map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(false)) {
                throw OAuthProblem.invalidRequest("invalid_request", "the body must be application/x-www-form-urlencoded", null);
            }
            FormParameters.Parsed parsed = FormParameters.parse(body);
            if (parsed.problem() != null) {
                throw OAuthProblem.invalidRequest("invalid_request", parsed.problem(), null);
            }
            FormParameters form = parsed.parameters();
            String[] fromHeader = basic ? basicClient(request.getHeaders().getAuthorization().get()) : null;
            if (fromHeader != null && form.get("client_secret") != null) {
                throw OAuthProblem.invalidRequest("invalid_request", "use one client authentication method, not both", null);
            }
            if (fromHeader != null && form.get("client_id") != null && !form.get("client_id").equals(fromHeader[0])) {
                throw OAuthProblem.invalidRequest("invalid_request", "client_id differs from the Authorization header's", null);
            }
            String clientId = fromHeader != null ? fromHeader[0] : form.get("client_id");
            String secret = fromHeader != null ? fromHeader[1] : form.get("client_secret");
            Caller client = server.authenticateClient(clientId, secret, request);
            return step.run(client, clientId, form);
        } catch (OAuthProblem problem) {
            refusals.recordRefusal(request, problem.rejection(), problem.status());
            MutableHttpResponse<String> response = OAuthAnswers.error(problem.status(), problem.error(), problem.description());
            if (problem.status() == 401 && basic) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"scimlog\"");
            }
            if (problem.rejection().retryAfterSeconds() != null) {
                limits.lockedOut();
                response.header(HttpHeaders.RETRY_AFTER, String.valueOf(problem.rejection().retryAfterSeconds()));
            }
            return response;
        }
    }

    /** RFC 6749 §2.3.1: the client id and secret are form-encoded before Basic's base64. */
    private static String[] basicClient(String header) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthProblem.invalidRequest("invalid_request", "the Basic header is not base64", null);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw OAuthProblem.invalidRequest("invalid_request", "the Basic header holds no client id and secret", null);
        }
        FormParameters.Parsed id = FormParameters.parse("id=" + decoded.substring(0, colon));
        FormParameters.Parsed secret = FormParameters.parse("s=" + decoded.substring(colon + 1));
        if (id.parameters() == null || secret.parameters() == null) {
            throw OAuthProblem.invalidRequest("invalid_request", "the Basic header's client id or secret is not URL-encoded correctly", null);
        }
        return new String[] {id.parameters().get("id"), secret.parameters().get("s")};
    }
}
