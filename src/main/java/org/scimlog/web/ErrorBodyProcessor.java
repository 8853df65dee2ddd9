package org.scimlog.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.scimlog.audit.query.OktaErrors;
import org.scimlog.scim.ScimJson;
import org.scimlog.scim.ScimMediaTypes;
import org.scimlog.scim.error.ScimErrors;

/**
 * Errors the framework raises itself (unknown route, wrong method, body too large, unsupported media type,
 * authentication) get the error body of the API the path belongs to: Okta's under /api/, SCIM's
 * everywhere else. The framework's own messages are not passed on: they can name internals, so the text
 * is fixed per status.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ErrorBodyProcessor implements ErrorResponseProcessor<byte[]> {

    static final String OKTA_API_PREFIX = "/api/";

    private final ScimJson json;

    public ErrorBodyProcessor(ScimJson json) {
        this.json = json;
    }

    @Override
    public MutableHttpResponse<byte[]> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scimlog\"");
        }
        if (context.getRequest().getPath().startsWith(OKTA_API_PREFIX)) {
            byte[] body = OktaErrors.forStatus(status).toString().getBytes(StandardCharsets.UTF_8);
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
        }
        byte[] body = json.write(ScimErrors.body(status, null, ScimErrors.standardDetail(status)));
        return response.contentType(ScimMediaTypes.SCIM_JSON_TYPE).body(body);
    }
}
