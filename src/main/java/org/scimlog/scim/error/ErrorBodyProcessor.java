package org.scimlog.scim.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.scimlog.scim.ScimJson;
import org.scimlog.scim.ScimMediaTypes;

/**
 * Errors the framework raises itself (unknown route, wrong method, body too large, unsupported media type,
 * authentication) get a SCIM error body too. The framework's own messages are not passed on: they can name
 * internals, so the detail is a fixed sentence per status.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ErrorBodyProcessor implements ErrorResponseProcessor<byte[]> {

    private final ScimJson json;

    public ErrorBodyProcessor(ScimJson json) {
        this.json = json;
    }

    @Override
    public MutableHttpResponse<byte[]> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        byte[] body = json.write(ScimErrors.body(status, null, ScimErrors.standardDetail(status)));
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scimlog\"");
        }
        return response.contentType(ScimMediaTypes.SCIM_JSON_TYPE).body(body);
    }
}
