package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import org.scimlog.scim.error.ScimException;

/** A SCIM request body: an accepted media type (else 415) and a JSON object (else 400 invalidSyntax). */
@Singleton
public class RequestBodies {

    private final ScimJson json;

    public RequestBodies(ScimJson json) {
        this.json = json;
    }

    public ObjectNode parse(HttpRequest<?> request, @Nullable byte[] body) {
        if (!ScimMediaTypes.acceptedRequestType(request.getContentType().orElse(null))) {
            throw new ScimException(415, null, "Unsupported media type; send application/scim+json or application/json.");
        }
        return json.parseObject(body);
    }
}
