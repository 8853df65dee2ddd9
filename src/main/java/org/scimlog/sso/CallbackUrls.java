package org.scimlog.sso;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.http.uri.UriTemplate;
import io.micronaut.security.oauth2.configuration.OauthConfiguration;
import io.micronaut.security.oauth2.url.DefaultOauthRouteUrlBuilder;
import io.micronaut.security.oauth2.url.OauthRouteUrlBuilder;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Map;

/**
 * The {@code redirect_uri} scimlog sends the provider: under {@code scimlog.public-base-url} when it is set (behind
 * a proxy that ends TLS the request's own scheme and host are the proxy's inside ones, and the provider compares
 * the value with the one registered), else built from the request's Host as micronaut-security-oauth2 does.
 */
@Singleton
@ConsoleSignInConfigured
@Replaces(DefaultOauthRouteUrlBuilder.class)
class CallbackUrls implements OauthRouteUrlBuilder<HttpRequest<?>> {

    private final HttpHostResolver hosts;
    private final String publicBaseUrl;
    private final String loginTemplate;
    private final String callbackTemplate;

    CallbackUrls(HttpHostResolver hosts, OauthConfiguration oauth, @Value("${scimlog.public-base-url:}") String publicBaseUrl) {
        this.hosts = hosts;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.loginTemplate = oauth.getLoginUri();
        this.callbackTemplate = oauth.getCallbackUri();
    }

    @Override
    public URL buildLoginUrl(@Nullable HttpRequest<?> originating, String providerName) {
        return buildUrl(originating, path(loginTemplate, providerName));
    }

    @Override
    public URL buildCallbackUrl(@Nullable HttpRequest<?> originating, String providerName) {
        return buildUrl(originating, path(callbackTemplate, providerName));
    }

    @Override
    public URI buildLoginUri(@Nullable String providerName) {
        return URI.create(path(loginTemplate, providerName));
    }

    @Override
    public URI buildCallbackUri(@Nullable String providerName) {
        return URI.create(path(callbackTemplate, providerName));
    }

    @Override
    public URL buildUrl(@Nullable HttpRequest<?> current, String path) {
        try {
            if (path.startsWith("http")) {
                return URI.create(path).toURL();
            }
            String base = publicBaseUrl.isEmpty() ? hosts.resolve(current) : publicBaseUrl;
            return UriBuilder.of(base).path(path).build().toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot build the sign-in URL for " + path, e);
        }
    }

    private static String path(String template, @Nullable String providerName) {
        return UriTemplate.of(template).expand(Map.of("provider", providerName == null ? "" : providerName));
    }
}
