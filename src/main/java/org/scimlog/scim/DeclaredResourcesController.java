package org.scimlog.scim;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.scim.error.ScimException;
import org.scimlog.security.Scopes;

/**
 * The endpoints of resource types declared in configuration ({@code /scim/v2/Devices}, ...). The literal routes
 * of /Users, /Groups, /Bulk and discovery take precedence over these; a name no type is served at is a 404.
 */
@Controller(ResourceLocations.SCIM_PATH + "/{endpoint}")
@Consumes({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Produces({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Secured(Scopes.SCIM)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeclaredResourcesController {

    private final ResourceEndpoint endpoint;
    private final ResourceHandlers handlers;

    public DeclaredResourcesController(ResourceEndpoint endpoint, ResourceHandlers handlers) {
        this.endpoint = endpoint;
        this.handlers = handlers;
    }

    @Post
    public HttpResponse<byte[]> create(@PathVariable("endpoint") String name, HttpRequest<?> request,
                                       Authentication authentication, @Nullable @Body byte[] body,
                                       @Nullable @QueryValue String attributes, @Nullable @QueryValue String excludedAttributes) {
        return endpoint.create(handler(name), request, authentication, body, attributes, excludedAttributes);
    }

    @Get("/{id}")
    public HttpResponse<byte[]> get(@PathVariable("endpoint") String name, HttpRequest<?> request,
                                    Authentication authentication, @PathVariable String id,
                                    @Nullable @QueryValue String attributes, @Nullable @QueryValue String excludedAttributes,
                                    @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return endpoint.get(handler(name), request, authentication, id, attributes, excludedAttributes, ifNoneMatch);
    }

    @Get
    public HttpResponse<byte[]> list(@PathVariable("endpoint") String name, HttpRequest<?> request,
                                     Authentication authentication, @Nullable @QueryValue String filter,
                                     @Nullable @QueryValue String sortBy, @Nullable @QueryValue String sortOrder,
                                     @Nullable @QueryValue String startIndex, @Nullable @QueryValue String count,
                                     @Nullable @QueryValue String attributes, @Nullable @QueryValue String excludedAttributes,
                                     @Nullable @QueryValue String cursor) {
        return endpoint.list(handler(name), request, authentication,
                new SearchRequest(filter, sortBy, sortOrder, startIndex, count, attributes, excludedAttributes, cursor));
    }

    @Post("/.search")
    public HttpResponse<byte[]> search(@PathVariable("endpoint") String name, HttpRequest<?> request,
                                       Authentication authentication, @Nullable @Body byte[] body) {
        return endpoint.search(handler(name), request, authentication, body);
    }

    @Put("/{id}")
    public HttpResponse<byte[]> replace(@PathVariable("endpoint") String name, HttpRequest<?> request,
                                        Authentication authentication, @PathVariable String id, @Nullable @Body byte[] body,
                                        @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                        @Nullable @QueryValue String attributes, @Nullable @QueryValue String excludedAttributes) {
        return endpoint.replace(handler(name), request, authentication, id, body, ifMatch, attributes, excludedAttributes);
    }

    @Patch("/{id}")
    public HttpResponse<byte[]> patch(@PathVariable("endpoint") String name, HttpRequest<?> request,
                                      Authentication authentication, @PathVariable String id, @Nullable @Body byte[] body,
                                      @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                      @Nullable @QueryValue String attributes, @Nullable @QueryValue String excludedAttributes) {
        return endpoint.patch(handler(name), request, authentication, id, body, ifMatch, attributes, excludedAttributes);
    }

    @Delete("/{id}")
    public HttpResponse<?> delete(@PathVariable("endpoint") String name, HttpRequest<?> request,
                                  Authentication authentication, @PathVariable String id,
                                  @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return endpoint.delete(handler(name), request, authentication, id, ifMatch);
    }

    /**
     * Only declared types: an endpoint of RFC 7644's own (/Users, /Bulk, /Schemas, ...) reaches here only with
     * a method its routes do not take, which is 405 as it was before declared types had a route.
     */
    private ResourceHandler handler(String name) {
        if (SchemaRegistry.isReservedEndpoint("/" + name)) {
            throw new ScimException(405, null, "The method is not allowed at '/" + name + "'.");
        }
        return handlers.atEndpoint("/" + name)
                .orElseThrow(() -> ScimException.notFound("No resource type is served at '/" + name + "'."));
    }
}
