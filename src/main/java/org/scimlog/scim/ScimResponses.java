package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.scimlog.scim.error.ScimErrors;
import org.scimlog.scim.error.ScimException;

/** Every SCIM response leaves through here: application/scim+json bodies written by {@link ScimJson}. */
@Singleton
public class ScimResponses {

    private final ScimJson json;

    public ScimResponses(ScimJson json) {
        this.json = json;
    }

    public MutableHttpResponse<byte[]> body(HttpStatus status, JsonNode body) {
        return HttpResponse.<byte[]>status(status)
                .contentType(ScimMediaTypes.SCIM_JSON_TYPE)
                .body(json.write(body));
    }

    public MutableHttpResponse<byte[]> ok(JsonNode body) {
        return body(HttpStatus.OK, body);
    }

    public MutableHttpResponse<byte[]> error(ScimException e) {
        return body(HttpStatus.valueOf(e.status()), ScimErrors.body(e.status(), e.scimType(), e.detail()));
    }

    public MutableHttpResponse<byte[]> error(int status, String detail) {
        return body(HttpStatus.valueOf(status), ScimErrors.body(status, null, detail));
    }
}
