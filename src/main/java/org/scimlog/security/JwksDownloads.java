package org.scimlog.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a JWKS for micronaut-security-jwt's {@code JwksSignature}, with bounded timeouts (an issuer that
 * hangs must not hold a request thread) and at most 1 MB. Called from a blocking thread already.
 * A failure yields no keys, so the token is refused as unverifiable.
 */
final class JwksDownloads implements JwksClient {

    private static final Logger LOG = LoggerFactory.getLogger(JwksDownloads.class);
    private static final int MAX_BYTES = 1 << 20;

    /**
     * Made at the first download: building one initialises the JDK's TLS context (its trust store of some 150
     * certificates), which would otherwise fall on the first request of any kind, a readiness probe's included.
     */
    private HttpClient http;

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(3))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    @Override
    public Publisher<String> load(String providerName, String url) {
        try {
            HttpResponse<byte[]> response = http().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_BYTES) {
                LOG.warn("JWKS of {} answered {} ({} bytes)", providerName, response.statusCode(), response.body().length);
                return Publishers.empty();
            }
            return Publishers.just(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("JWKS of {} could not be fetched ({})", providerName, e.getClass().getSimpleName());
            return Publishers.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Publishers.empty();
        }
    }
}
