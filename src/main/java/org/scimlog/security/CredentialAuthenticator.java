package org.scimlog.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Resolves the {@code Authorization} header to a tenant's credential: {@code Bearer scimlog_...} or a bare
 * {@code scimlog_...} (an opaque token, looked up by its SHA-256 digest; Okta's OIN "Header" mode sends the
 * token without "Bearer"), {@code Bearer eyJ...} (a JWT access token, {@link JwtCredentials}),
 * or {@code Basic ...} (a username and password, BCrypt). Accepted credentials are cached briefly, keyed by a
 * digest of the header, so the hot path (Okta's lookups) costs no database round trip and no BCrypt; the cache
 * lifetime bounds how long a revoked credential or a disabled tenant still works. A refused credential leaves
 * its {@link Rejection} on the request and the request goes on unauthenticated (a 401 where a scope is needed).
 */
@Singleton
public class CredentialAuthenticator implements AuthenticationFetcher<HttpRequest<?>> {

    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";
    /** Where scimlog is the OAuth 2.0 authorization server (package oauth); its Basic header names a client, not a credential. */
    public static final String OAUTH_ENDPOINTS = "/oauth2/";
    /** The log API, the only place the console's sign-in cookie is read. */
    static final String CONSOLE_READS = "/api/v1/logs";
    /** Marks a cache key as the cookie's, so a cookie and an Authorization header never share an entry. */
    private static final String SESSION = "cookie ";

    private final TenantStore store;
    private final JwtCredentials jwts;
    private final CredentialUse use;
    private final BasicLoginThrottle throttle;
    private final ClientAddresses addresses;
    private final ExecutorService blocking;
    private final Cache<String, Caller> recent;

    public CredentialAuthenticator(TenantStore store, JwtCredentials jwts, CredentialUse use, BasicLoginThrottle throttle,
                                   ClientAddresses addresses, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                                   @Value("${scimlog.security.token-cache-seconds:10}") int cacheSeconds) {
        this.store = store;
        this.jwts = jwts;
        this.use = use;
        this.throttle = throttle;
        this.addresses = addresses;
        this.blocking = blocking;
        this.recent = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofSeconds(cacheSeconds))
                .build();
    }

    @Override
    public org.reactivestreams.Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().getAuthorization();
        if (request.getPath().startsWith(OAUTH_ENDPOINTS)) {
            // the authorization server's endpoints authenticate OAuth clients themselves (client_secret_basic)
            return Publishers.empty();
        }
        Optional<String> session = header.isEmpty() ? consoleSession(request) : Optional.empty();
        if (header.isEmpty() && session.isEmpty()) {
            return Publishers.empty();
        }
        String value = header.orElseGet(() -> SESSION + session.get());
        // a person's token maps to the tenant X-Scimlog-Tenant names, so the tenant is part of what was checked
        String key = HexFormat.of().formatHex(TokenSecrets.digest(
                value + "\n" + request.getHeaders().get(SsoPeople.TENANT_HEADER, String.class, "")));
        Caller cached = recent.getIfPresent(key);
        if (cached != null && !cached.expiredAt(Instant.now())) {
            use.used(cached);
            return Publishers.just(cached.toAuthentication());
        }
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> {
            Verdict verdict = session.isPresent() ? jwts.checkPersonToken(session.get(), request) : check(value, request);
            if (verdict.caller() == null) {
                request.setAttribute(Rejection.ATTRIBUTE, verdict.rejection());
                return null;
            }
            recent.put(key, verdict.caller());
            use.used(verdict.caller());
            return verdict.caller().toAuthentication();
        }, blocking));
    }

    /**
     * The console's sign-in cookie ({@link SsoSignIn#COOKIE}), taken only where the page reads: GET and HEAD under
     * {@value #CONSOLE_READS}. A cookie is sent by the browser on its own, so it authorizes nothing that changes
     * state (no cross-site request forgery to fear), and SameSite=Strict keeps other sites' pages from using it at all.
     */
    private static Optional<String> consoleSession(HttpRequest<?> request) {
        String method = request.getMethodName();
        if (!("GET".equals(method) || "HEAD".equals(method))
                || !(request.getPath().equals(CONSOLE_READS) || request.getPath().startsWith(CONSOLE_READS + "/"))) {
            return Optional.empty();
        }
        return request.getCookies().findCookie(SsoSignIn.COOKIE).map(c -> c.getValue()).filter(v -> !v.isBlank());
    }

    private Verdict check(String header, HttpRequest<?> request) {
        Instant now = Instant.now();
        if (startsWithIgnoreCase(header, BEARER)) {
            String token = header.substring(BEARER.length()).trim();
            if (JwtCredentials.looksLikeJwt(token)) {
                return jwts.check(token, request, now);
            }
            return checkBearer(token, now);
        }
        if (startsWithIgnoreCase(header, BASIC)) {
            return checkBasic(header.substring(BASIC.length()).trim(), address(request), now);
        }
        if (header.startsWith(TokenSecrets.PREFIX)) {
            // Okta's OIN "Header" mode sends the token as the whole header value, without "Bearer "
            return checkBearer(header.trim(), now);
        }
        return Verdict.reject(Rejection.anonymous(CredentialKind.BEARER, "unsupported authorization scheme"));
    }

    private Verdict checkBearer(String token, Instant now) {
        if (!TokenSecrets.looksLikeSecret(token)) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.BEARER, "malformed API token"));
        }
        return store.findBearer(TokenSecrets.digest(token))
                .map(stored -> Verdict.ofStored(stored, now))
                .orElseGet(() -> Verdict.reject(Rejection.anonymous(CredentialKind.BEARER, "unknown API token")));
    }

    /** The client's address behind trusted proxies: failed logins count per username and this address. */
    String address(HttpRequest<?> request) {
        return addresses.client(request);
    }

    private Verdict checkBasic(String encoded, String address, Instant now) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.BASIC, "malformed Basic credentials"));
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon > 200) {
            return Verdict.reject(Rejection.anonymous(CredentialKind.BASIC, "malformed Basic credentials"));
        }
        return checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1), address, now);
    }

    /** A Basic credential's username and password, with the failed-login slow-down (also the OAuth sign-in page's check). */
    Verdict checkPassword(String username, String password, String address, Instant now) {
        Optional<Long> blocked = throttle.blocked(username, address);
        if (blocked.isPresent()) {
            return Verdict.reject(Rejection.throttled("too many failed Basic logins", CredentialKind.BASIC, blocked.get()));
        }
        Optional<StoredCredential> stored = store.findBasic(username);
        if (stored.isEmpty()) {
            PasswordHashes.spendAsMuchAsAMatch(password);
            throttle.failed(username, address);
            return Verdict.reject(Rejection.anonymous(CredentialKind.BASIC, "unknown Basic username"));
        }
        if (!PasswordHashes.matches(password, stored.get().passwordHash())) {
            throttle.failed(username, address);
            return Verdict.reject(Rejection.of(stored.get().caller(), "wrong password"));
        }
        throttle.succeeded(username, address);
        return Verdict.ofStored(stored.get(), now);
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
