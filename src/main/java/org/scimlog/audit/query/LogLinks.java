package org.scimlog.audit.query;

import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Link header values as Okta sends them, one header per relation: {@code <url>; rel="self"} and
 * {@code <url>; rel="next"}. Both repeat the client's parameters, so following next keeps the same
 * filter, q, limit and order; next only replaces after.
 */
@Singleton
class LogLinks {

    static final String PATH = "/api/v1/logs";

    private final PublicBaseUrl baseUrl;

    LogLinks(PublicBaseUrl baseUrl) {
        this.baseUrl = baseUrl;
    }

    String self(LogQueryParameters parameters) {
        return "<" + url(parameters.asSent()) + ">; rel=\"self\"";
    }

    String next(LogQueryParameters parameters, Cursor cursor) {
        return "<" + url(parameters.withAfter(cursor.encode())) + ">; rel=\"next\"";
    }

    private String url(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> query.add(name + "=" + encode(value)));
        return baseUrl.get() + PATH + query;
    }

    /** Spaces as %20, not "+": a form-encoding "+" would be read back as a literal plus by some clients. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
