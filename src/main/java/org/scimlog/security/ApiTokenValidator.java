package org.scimlog.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Resolves an opaque bearer token to its tenant. Hits are cached briefly so the hot path (Okta's
 * lookups) costs no database round trip; the cache lifetime bounds how long a revoked token still works.
 */
@Singleton
public class ApiTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final TenantStore store;
    private final ExecutorService blocking;
    private final Cache<String, Authentication> recent;

    public ApiTokenValidator(TenantStore store,
                             @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                             @Value("${scimlog.security.token-cache-seconds:10}") int cacheSeconds) {
        this.store = store;
        this.blocking = blocking;
        this.recent = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofSeconds(cacheSeconds))
                .build();
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!TokenSecrets.looksLikeSecret(token)) {
            return Publishers.empty();
        }
        byte[] digest = TokenSecrets.digest(token);
        String key = HexFormat.of().formatHex(digest);
        Authentication cached = recent.getIfPresent(key);
        if (cached != null) {
            return Publishers.just(cached);
        }
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                () -> store.findCaller(digest).map(Caller::toAuthentication).orElse(null), blocking)
                .thenApply(authentication -> {
                    if (authentication != null) {
                        recent.put(key, authentication);
                    }
                    return authentication;
                }));
    }
}
