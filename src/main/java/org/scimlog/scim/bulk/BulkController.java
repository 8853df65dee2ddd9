package org.scimlog.scim.bulk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import org.scimlog.scim.RequestBodies;
import org.scimlog.scim.RequestContexts;
import org.scimlog.scim.ResourceLocations;
import org.scimlog.scim.ScimJson;
import org.scimlog.scim.ScimMediaTypes;
import org.scimlog.scim.ScimResponses;
import org.scimlog.scim.error.ScimException;
import org.scimlog.security.Scopes;

/**
 * /scim/v2/Bulk (RFC 7644 §3.7). The answer is 200 with a result per operation run, whatever those results
 * are; only a request that cannot be read as a whole (or breaks a limit) gets an error status.
 */
@Controller(ResourceLocations.SCIM_PATH + "/Bulk")
@Consumes({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Produces({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Secured(Scopes.SCIM)
@ExecuteOn(TaskExecutors.BLOCKING)
public class BulkController {

    static final String RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

    private final BulkProcessor processor;
    private final BulkSettings settings;
    private final RequestBodies bodies;
    private final RequestContexts contexts;
    private final ScimJson json;
    private final ScimResponses responses;

    BulkController(BulkProcessor processor, BulkSettings settings, RequestBodies bodies, RequestContexts contexts,
                   ScimJson json, ScimResponses responses) {
        this.processor = processor;
        this.settings = settings;
        this.bodies = bodies;
        this.contexts = contexts;
        this.json = json;
        this.responses = responses;
    }

    @Post
    public HttpResponse<byte[]> bulk(HttpRequest<?> request, Authentication authentication, @Nullable @Body byte[] body) {
        if (body != null && body.length > settings.maxPayloadBytes()) {
            // RFC 7644 §3.7.4: 413, and the detail names the limit.
            throw new ScimException(413, null, "The bulk request is " + body.length
                    + " bytes, more than maxPayloadSize (" + settings.maxPayloadBytes() + " bytes).");
        }
        BulkRequest bulk = BulkRequest.parse(bodies.parseEnvelope(request, body), settings.maxOperations());
        List<OperationResult> results = processor.process(contexts.of(request, authentication), bulk);
        ObjectNode response = json.object();
        response.putArray("schemas").add(RESPONSE_SCHEMA);
        ArrayNode operations = response.putArray("Operations");
        results.forEach(result -> operations.add(result.toJson()));
        return responses.ok(response);
    }
}
