package org.scimlog.oauth;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * The sign-in and consent page of the authorize endpoint: plain server-rendered HTML, no script, nothing loaded
 * from elsewhere. The authorization request travels in hidden fields, so the server keeps no session and sets no
 * cookie (there is nothing for a cross-site request to ride on: the password is in the form).
 */
final class ConsentPage {

    /** What the page's answers carry besides the HTML: no framing, no caching, no script, forms only to here. */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
            "Cache-Control", "no-store");

    private static final String STYLE = """
            body{font:15px/1.45 system-ui,sans-serif;background:#f4f5f7;color:#1d1d1f;margin:0}
            main{max-width:28rem;margin:4rem auto;background:#fff;border:1px solid #d9dce1;border-radius:8px;padding:1.5rem 2rem}
            h1{font-size:1.25rem;margin:0 0 1rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
            input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #b8bcc4;border-radius:4px}
            .scopes code{background:#eef0f3;padding:0 .3rem;border-radius:3px}.problem{color:#a4001d;font-weight:600}
            .actions{margin-top:1.25rem;display:flex;gap:.75rem}button{padding:.5rem 1rem;border-radius:4px;border:1px solid #888;background:#fff}
            button[value=allow]{background:#1d5bd8;color:#fff;border-color:#1d5bd8}
            """;

    private ConsentPage() {
    }

    static String consent(String clientName, String tenantName, List<String> scopes, Map<String, String> request,
                          @Nullable String problem) {
        StringBuilder html = head("Allow access to scimlog");
        html.append("<h1>Allow <strong>").append(escape(clientName)).append("</strong> to use scimlog</h1>\n");
        html.append("<p>Tenant <strong>").append(escape(tenantName)).append("</strong>. It asks for:</p>\n<ul class=\"scopes\">");
        for (String scope : scopes) {
            html.append("<li><code>").append(escape(scope)).append("</code> ").append(escape(describe(scope))).append("</li>");
        }
        html.append("</ul>\n<p>Sign in with a Basic credential of this tenant (<code>tenant issue ")
                .append(escape(tenantName)).append(" --name ... --type basic</code>) that holds these scopes.</p>\n");
        if (problem != null) {
            html.append("<p class=\"problem\" role=\"alert\">").append(escape(problem)).append("</p>\n");
        }
        html.append("<form method=\"post\" action=\"/oauth2/v1/authorize\">\n");
        request.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        html.append("""
                <label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username" required>
                <label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
                <div class="actions"><button type="submit" name="decision" value="allow">Allow</button>
                <button type="submit" name="decision" value="deny" formnovalidate>Deny</button></div>
                </form>
                """);
        return html.append("</main></body></html>\n").toString();
    }

    /** When the client or its redirect URI is not known, nothing may be sent back to it (RFC 6749 §4.1.2.1). */
    static String error(String problem) {
        StringBuilder html = head("scimlog: authorization refused");
        html.append("<h1>This authorization request cannot be served</h1>\n<p class=\"problem\" role=\"alert\">")
                .append(escape(problem)).append("</p>\n<p>Check the client ID and the redirect URI registered for it ")
                .append("(<code>tenant credentials &lt;tenant&gt;</code>).</p>\n");
        return html.append("</main></body></html>\n").toString();
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title><meta name=\"viewport\" content=\"width=device-width\"><style>")
                .append(STYLE).append("</style></head><body><main>\n");
    }

    private static String describe(String scope) {
        return switch (scope) {
            case "scim" -> "create, update and deactivate users and groups (/scim/v2)";
            case "logs.read" -> "read the System Log (/api/v1/logs)";
            default -> "";
        };
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
