package org.scimlog.scim;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import org.scimlog.security.Scopes;

/** /scim/v2/Groups (RFC 7644 §3.3–3.6, RFC 7643 §4.2). Members are returned unless the request excludes them
 * ({@code excludedAttributes=members}), in which case their rows are not read at all. */
@Controller(ResourceLocations.SCIM_PATH + "/Groups")
@Consumes({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Produces({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Secured(Scopes.SCIM)
@ExecuteOn(TaskExecutors.BLOCKING)
public class GroupsController extends ResourceRoutes {

    public GroupsController(ResourceEndpoint endpoint, ResourceHandlers handlers) {
        super(endpoint, handlers.groups());
    }
}
