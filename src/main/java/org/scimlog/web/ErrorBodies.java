package org.scimlog.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.scimlog.audit.query.OktaError;
import org.scimlog.audit.query.OktaErrors;
import org.scimlog.scim.ScimJson;
import org.scimlog.scim.ScimMediaTypes;
import org.scimlog.scim.error.ScimErrors;

/** The error body of the API a path belongs to: Okta's under /api/, SCIM's everywhere else. */
@Singleton
public class ErrorBodies {

    static final String OKTA_API_PREFIX = "/api/";

    private final ScimJson json;

    public ErrorBodies(ScimJson json) {
        this.json = json;
    }

    /** Sets the body (and its content type) on {@code response}; {@code detail} null means the fixed text of the status. */
    public MutableHttpResponse<byte[]> fill(MutableHttpResponse<?> response, String path, @Nullable String detail) {
        int status = response.code();
        if (path.startsWith(OKTA_API_PREFIX)) {
            OktaError error = OktaError.forStatus(status);
            String summary = detail == null ? error.summary() : error.summary() + ": " + detail;
            byte[] body = OktaErrors.body(error, summary, detail == null ? List.of() : List.of(detail)).toString()
                    .getBytes(StandardCharsets.UTF_8);
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
        }
        byte[] body = json.write(ScimErrors.body(status, null, detail == null ? ScimErrors.standardDetail(status) : detail));
        return response.contentType(ScimMediaTypes.SCIM_JSON_TYPE).body(body);
    }
}
