package org.scimlog.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * A SCIM request body: an accepted media type (else 415), a JSON object (else 400 invalidSyntax), and only
 * text PostgreSQL can store (else 400, see {@link UnstorableText}).
 */
@Singleton
public class RequestBodies {

    private final ScimJson json;

    public RequestBodies(ScimJson json) {
        this.json = json;
    }

    public ObjectNode parse(HttpRequest<?> request, @Nullable byte[] body) {
        ObjectNode document = parseEnvelope(request, body);
        refusalOfUnstorable(document, "The request body").ifPresent(refusal -> {
            throw refusal;
        });
        return document;
    }

    /**
     * A body whose parts are checked for unstorable text one by one by their own reader: a bulk request, whose
     * operations each fail or succeed on their own.
     */
    public ObjectNode parseEnvelope(HttpRequest<?> request, @Nullable byte[] body) {
        if (!ScimMediaTypes.acceptedRequestType(request.getContentType().orElse(null))) {
            throw new ScimException(415, null, "Unsupported media type; send application/scim+json or application/json.");
        }
        return json.parseObject(body);
    }

    /**
     * The 400 for the first string of {@code document} that cannot be stored. Its scimType is the one the
     * member would get for any other bad value: invalidPath for a PATCH operation's path, invalidFilter for a
     * search's filter, invalidValue for everything else.
     */
    public static Optional<ScimException> refusalOfUnstorable(JsonNode document, String documentName) {
        return UnstorableText.find(document).map(problem -> ScimException.badRequest(scimType(problem.steps()),
                problem.detail(documentName)));
    }

    private static ScimType scimType(List<String> steps) {
        int n = steps.size();
        if (n >= 3 && steps.get(n - 3).equals("Operations") && steps.get(n - 1).equals("path")) {
            return ScimType.INVALID_PATH;
        }
        if (steps.equals(List.of("filter"))) {
            return ScimType.INVALID_FILTER;
        }
        return ScimType.INVALID_VALUE;
    }
}
