package org.scimlog.scim;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.authentication.Authentication;

/**
 * The routes of RFC 7644 §3.3–3.6 under one resource type's endpoint, inherited by that type's controller,
 * which names the path and the handler; {@link ResourceEndpoint} does the work.
 */
public abstract class ResourceRoutes {

    private final ResourceEndpoint endpoint;
    private final ResourceHandler handler;

    protected ResourceRoutes(ResourceEndpoint endpoint, ResourceHandler handler) {
        this.endpoint = endpoint;
        this.handler = handler;
    }

    @Post
    public HttpResponse<byte[]> create(HttpRequest<?> request, Authentication authentication, @Nullable @Body byte[] body,
                                       @Nullable @QueryValue String attributes,
                                       @Nullable @QueryValue String excludedAttributes) {
        return endpoint.create(handler, request, authentication, body, attributes, excludedAttributes);
    }

    @Get("/{id}")
    public HttpResponse<byte[]> get(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                    @Nullable @QueryValue String attributes,
                                    @Nullable @QueryValue String excludedAttributes,
                                    @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return endpoint.get(handler, request, authentication, id, attributes, excludedAttributes, ifNoneMatch);
    }

    @Get
    public HttpResponse<byte[]> list(HttpRequest<?> request, Authentication authentication,
                                     @Nullable @QueryValue String filter, @Nullable @QueryValue String sortBy,
                                     @Nullable @QueryValue String sortOrder, @Nullable @QueryValue String startIndex,
                                     @Nullable @QueryValue String count, @Nullable @QueryValue String attributes,
                                     @Nullable @QueryValue String excludedAttributes,
                                     @Nullable @QueryValue String cursor) {
        return endpoint.list(handler, request, authentication,
                new SearchRequest(filter, sortBy, sortOrder, startIndex, count, attributes, excludedAttributes, cursor));
    }

    @Post("/.search")
    public HttpResponse<byte[]> search(HttpRequest<?> request, Authentication authentication, @Nullable @Body byte[] body) {
        return endpoint.search(handler, request, authentication, body);
    }

    @Put("/{id}")
    public HttpResponse<byte[]> replace(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                        @Nullable @Body byte[] body, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                        @Nullable @QueryValue String attributes,
                                        @Nullable @QueryValue String excludedAttributes) {
        return endpoint.replace(handler, request, authentication, id, body, ifMatch, attributes, excludedAttributes);
    }

    @Patch("/{id}")
    public HttpResponse<byte[]> patch(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                      @Nullable @Body byte[] body, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                      @Nullable @QueryValue String attributes,
                                      @Nullable @QueryValue String excludedAttributes) {
        return endpoint.patch(handler, request, authentication, id, body, ifMatch, attributes, excludedAttributes);
    }

    @Delete("/{id}")
    public HttpResponse<?> delete(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                  @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        return endpoint.delete(handler, request, authentication, id, ifMatch);
    }
}
