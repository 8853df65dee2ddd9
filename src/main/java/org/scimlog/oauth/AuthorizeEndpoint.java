package org.scimlog.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimlog.security.AuthorizationServer;
import org.scimlog.security.AuthorizationServer.Consent;
import org.scimlog.security.AuthorizationServer.Registration;
import org.scimlog.security.OAuthProblem;
import org.scimlog.web.RefusedCredentials;

/**
 * The authorization endpoint (RFC 6749 §4.1.1): Okta's "Authenticate with ..." button opens it in the admin's
 * browser; the page asks the tenant's admin to sign in and allow, then redirects to Okta's callback with the code.
 * An unknown client or a redirect URI it did not register gets an error page and no redirect (§4.1.2.1); every
 * other refusal goes back to the redirect URI as {@code error=...}. Refusals are also
 * {@code scimlog.credential.rejected} events.
 */
@Controller("/oauth2/v1/authorize")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthorizeEndpoint {

    private final AuthorizationServer server;
    private final RefusedCredentials refusals;
    private final OAuthEvents events;
    private final OAuthRateLimits limits;

    AuthorizeEndpoint(AuthorizationServer server, RefusedCredentials refusals, OAuthEvents events, OAuthRateLimits limits) {
        this.server = server;
        this.refusals = refusals;
        this.events = events;
        this.limits = limits;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> ask(HttpRequest<?> request) {
        return handle(request, request.getUri().getRawQuery(), false);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> answer(HttpRequest<?> request, @Body @Nullable String body) {
        return handle(request, body, true);
    }

    /** A checked authorization request: what the page carries in hidden fields and the consent needs. */
    private record Checked(Registration client, String redirectUri, List<String> scopes, @Nullable String state,
                           @Nullable String codeChallenge) {

        Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("response_type", "code");
            fields.put("client_id", client.clientId());
            fields.put("redirect_uri", redirectUri);
            fields.put("scope", String.join(" ", scopes));
            if (state != null) {
                fields.put("state", state);
            }
            if (codeChallenge != null) {
                fields.put("code_challenge", codeChallenge);
                fields.put("code_challenge_method", "S256");
            }
            return fields;
        }
    }

    private HttpResponse<String> handle(HttpRequest<?> request, @Nullable String parameters, boolean submitted) {
        Optional<OAuthRateLimits.Refusal> limited = limits.take(request, OAuthRateLimits.clientId(request, parameters));
        if (limited.isPresent()) {
            return withPageHeaders(HttpResponse.<String>status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.TEXT_HTML_TYPE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(limited.get().retryAfterSeconds()))
                    .body(ConsentPage.error(limited.get().description())));
        }
        FormParameters.Parsed parsed = FormParameters.parse(parameters);
        if (parsed.problem() != null) {
            return errorPage(request, OAuthProblem.invalidRequest("invalid_request", parsed.problem(), null));
        }
        FormParameters params = parsed.parameters();
        String clientId = params.get("client_id");
        Optional<Registration> registration = clientId == null ? Optional.empty() : server.registration(clientId);
        if (registration.isEmpty()) {
            return errorPage(request, OAuthProblem.invalidRequest("invalid_request",
                    clientId == null ? "client_id is required" : "unknown client_id", null));
        }
        Registration client = registration.get();
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null && client.redirectUris().size() == 1) {
            redirectUri = client.redirectUris().get(0);
        }
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            return errorPage(request, OAuthProblem.invalidRequest("invalid_request", redirectUri == null
                    ? "redirect_uri is required (the client registered several)"
                    : "redirect_uri is not registered for this client", client.caller()));
        }
        String state = params.get("state");
        if (!"code".equals(params.get("response_type"))) {
            return redirectError(request, redirectUri, state, OAuthProblem.invalidRequest("unsupported_response_type",
                    "response_type must be code", client.caller()));
        }
        List<String> scopes = params.optional("scope").map(AuthorizationServer::scopes).orElse(client.scopes());
        if (scopes.isEmpty() || !client.scopes().containsAll(scopes)) {
            return redirectError(request, redirectUri, state, OAuthProblem.invalidRequest("invalid_scope",
                    "scope must be among the client's scopes: " + String.join(" ", client.scopes()), client.caller()));
        }
        String challenge = params.get("code_challenge");
        if (challenge != null && (!"S256".equals(params.get("code_challenge_method")) || !challenge.matches("[A-Za-z0-9_-]{43}"))) {
            return redirectError(request, redirectUri, state, OAuthProblem.invalidRequest("invalid_request",
                    "code_challenge must be a S256 challenge (code_challenge_method=S256)", client.caller()));
        }
        Checked checked = new Checked(client, redirectUri, scopes, state, challenge);
        if (!submitted) {
            return page(HttpStatus.OK, checked, null);
        }
        if ("deny".equals(params.get("decision"))) {
            return redirectError(request, redirectUri, state, OAuthProblem.invalidRequest("access_denied",
                    "the tenant's admin denied access", client.caller()));
        }
        String username = params.get("username");
        String password = params.get("password");
        if (!"allow".equals(params.get("decision")) || username == null || password == null) {
            return page(HttpStatus.BAD_REQUEST, checked, "enter the username and password, then Allow");
        }
        try {
            Consent consent = server.consent(client, redirectUri, scopes, challenge, username, password, request);
            events.consented(request, consent.signedIn(), consent.client(), scopes);
            return redirect(redirectUri, Map.of("code", consent.code()), state);
        } catch (OAuthProblem problem) {
            refusals.recordRefusal(request, problem.rejection(), problem.status());
            MutableHttpResponse<String> refused = page(HttpStatus.valueOf(problem.status()), checked, problem.description());
            if (problem.rejection().retryAfterSeconds() != null) {
                refused.header(HttpHeaders.RETRY_AFTER, String.valueOf(problem.rejection().retryAfterSeconds()));
            }
            return refused;
        }
    }

    private MutableHttpResponse<String> page(HttpStatus status, Checked checked, @Nullable String problem) {
        return withPageHeaders(HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE)
                .body(ConsentPage.consent(checked.client().name(), checked.client().tenantName(), checked.scopes(),
                        checked.fields(), problem)));
    }

    private MutableHttpResponse<String> errorPage(HttpRequest<?> request, OAuthProblem problem) {
        refusals.recordRefusal(request, problem.rejection(), 400);
        return withPageHeaders(HttpResponse.<String>status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_HTML_TYPE)
                .body(ConsentPage.error(problem.description())));
    }

    private MutableHttpResponse<String> redirectError(HttpRequest<?> request, String redirectUri, @Nullable String state,
                                                      OAuthProblem problem) {
        refusals.recordRefusal(request, problem.rejection(), 302);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", problem.error());
        parameters.put("error_description", problem.description());
        return redirect(redirectUri, parameters, state);
    }

    private static MutableHttpResponse<String> redirect(String redirectUri, Map<String, String> parameters, @Nullable String state) {
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        Map<String, String> all = new LinkedHashMap<>(parameters);
        if (state != null) {
            all.put("state", state);
        }
        String sep = "";
        for (Map.Entry<String, String> p : all.entrySet()) {
            location.append(sep).append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return withPageHeaders(HttpResponse.<String>status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location.toString()));
    }

    private static MutableHttpResponse<String> withPageHeaders(MutableHttpResponse<String> response) {
        ConsentPage.HEADERS.forEach(response::header);
        return response;
    }
}
