package org.scimlog.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import jakarta.inject.Singleton;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Errors the framework raises itself (unknown route, wrong method, body too large, unsupported media type,
 * authentication) get the error body of the API the path belongs to: Okta's under /api/, SCIM's
 * everywhere else. The framework's own messages are not passed on: they can name internals, so the text
 * is fixed per status.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ErrorBodyProcessor implements ErrorResponseProcessor<byte[]> {

    /** What Netty puts in place of a request whose head it could not read (a line or header over its limit). */
    private static final String UNREADABLE_REQUEST_PATH = "/bad-request";

    private static final String LOG_API = "/api/v1/logs";

    private final ErrorBodies bodies;

    public ErrorBodyProcessor(ErrorBodies bodies) {
        this.bodies = bodies;
    }

    @Override
    public MutableHttpResponse<byte[]> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (response.code() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scimlog\"");
        }
        if (response.code() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, UnexpectedErrorHandler.RETRY_AFTER_SECONDS);
        }
        String path = context.getRequest().getPath();
        Optional<Throwable> cause = context.getRootCause();
        if (cause.isPresent() && cause.get() instanceof URISyntaxException malformed) {
            // the framework could not parse the URL and answers for "/": the API is the one the URL named
            return bodies.fill(response, pathOf(malformed.getInput()),
                    "the request URL is not validly percent-encoded (RFC 3986 section 2.1).");
        }
        if (UNREADABLE_REQUEST_PATH.equals(path) && response.code() == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()) {
            // Netty reports an over-long request line or header as 413; they are 414 and 431 (RFC 9110, RFC 6585)
            response.status(decoderFailure(context) instanceof TooLongHttpHeaderException
                    ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpStatus.REQUEST_URI_TOO_LONG);
        }
        if (response.code() == 403 && path.startsWith(LOG_API)) {
            // the only reason a known token is refused here: say which scope, so its owner knows what to ask for
            return bodies.fill(response, path, "this token lacks the scope logs.read, which " + LOG_API + " needs.");
        }
        return bodies.fill(response, path, null);
    }

    /** Why Netty could not read the request head; the error context itself carries no cause. */
    @Nullable
    private static Throwable decoderFailure(ErrorContext context) {
        if (context.getRequest() instanceof NettyHttpRequest<?> netty && netty.getNativeRequest() != null) {
            return netty.getNativeRequest().decoderResult().cause();
        }
        return null;
    }

    private static String pathOf(@Nullable String requestTarget) {
        if (requestTarget == null) {
            return "/";
        }
        int end = requestTarget.indexOf('?');
        String path = end < 0 ? requestTarget : requestTarget.substring(0, end);
        if (path.startsWith("http://") || path.startsWith("https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        return path;
    }
}
