package org.scimlog.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Redirect URIs an OAuth client may be sent back to: absolute, without a fragment (RFC 6749 §3.1.2), https (or
 * http only to localhost, for trying things out). They are compared as exact strings, never as prefixes or
 * patterns, so a code cannot be steered to a look-alike URL.
 */
final class RedirectUris {

    private RedirectUris() {
    }

    static void requireValid(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("redirectUris: '" + uri + "' is not a URI");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        String host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
        boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (!parsed.isAbsolute() || host.isEmpty() || parsed.getFragment() != null
                || !(scheme.equals("https") || (scheme.equals("http") && local)) || uri.length() > 2000) {
            throw new IllegalArgumentException("redirectUris: '" + uri
                    + "' must be an absolute https URL without a fragment (http only for localhost)");
        }
    }
}
