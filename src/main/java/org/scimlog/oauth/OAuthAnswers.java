package org.scimlog.oauth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** JSON answers of the token and revocation endpoints (RFC 6749 §5.1 and §5.2): never cached. */
final class OAuthAnswers {

    private OAuthAnswers() {
    }

    static MutableHttpResponse<String> json(int status, ObjectNode body) {
        return HttpResponse.<String>status(HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .body(body.toString());
    }

    /** RFC 6749 §5.2's body: {@code error} and a description that helps the admin setting Okta up. */
    static MutableHttpResponse<String> error(int status, String error, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body);
    }
}
