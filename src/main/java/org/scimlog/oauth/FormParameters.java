package org.scimlog.oauth;

import io.micronaut.core.annotation.Nullable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an {@code application/x-www-form-urlencoded} body or a query string. RFC 6749 §3.1 and §3.2:
 * a parameter sent twice is an error, and one sent empty counts as absent.
 */
record FormParameters(Map<String, String> values) {

    static final int MAX_LENGTH = 16_384;

    /** The parameters, or the name of the first one that was repeated or undecodable. */
    static Parsed parse(@Nullable String text) {
        Map<String, String> values = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return new Parsed(new FormParameters(values), null);
        }
        if (text.length() > MAX_LENGTH) {
            return new Parsed(null, "the request is too long");
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Parsed(null, "a parameter is not URL-encoded correctly");
            }
            if (values.containsKey(name)) {
                return new Parsed(null, "parameter '" + name + "' is repeated");
            }
            values.put(name, value);
        }
        return new Parsed(new FormParameters(values), null);
    }

    record Parsed(@Nullable FormParameters parameters, @Nullable String problem) {
    }

    @Nullable
    String get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(get(name));
    }
}
