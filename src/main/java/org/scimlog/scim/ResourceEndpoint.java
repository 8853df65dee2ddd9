package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.scimlog.audit.RequestContext;
import org.scimlog.directory.ResourcePage;
import org.scimlog.directory.ResourceRecord;
import org.scimlog.scim.error.ScimException;

/**
 * RFC 7644 §3.3–3.6 for any resource type: the controllers of /Users, /Groups and the declared types are thin
 * shells that name their routes and delegate here. Attribute selection applies to every answer that carries
 * a resource; ETag and If-Match / If-None-Match work on the resource's version; a create answers 201 with
 * Location. The tenant always comes from the credential, never from the request.
 */
@Singleton
public class ResourceEndpoint {

    private final ResourceOperations operations;
    private final RequestBodies bodies;
    private final RequestContexts contexts;
    private final ScimResponses responses;
    private final ScimJson json;
    private final ListSettings listSettings;
    private final ResourceRepresentation representation;
    private final CursorPaging cursorPaging;

    public ResourceEndpoint(ResourceOperations operations, RequestBodies bodies, RequestContexts contexts,
                            ScimResponses responses, ScimJson json, ListSettings listSettings,
                            ResourceRepresentation representation, CursorPaging cursorPaging) {
        this.operations = operations;
        this.bodies = bodies;
        this.contexts = contexts;
        this.responses = responses;
        this.json = json;
        this.listSettings = listSettings;
        this.representation = representation;
        this.cursorPaging = cursorPaging;
    }

    public HttpResponse<byte[]> create(ResourceHandler handler, HttpRequest<?> request, Authentication authentication,
                                       @Nullable byte[] body, @Nullable String attributes,
                                       @Nullable String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, handler.type());
        ResourceRecord created = operations.create(handler, contexts.of(request, authentication), bodies.parse(request, body));
        return withVersion(responses.body(HttpStatus.CREATED, handler.presentCreated(created, selection)), created)
                .header(HttpHeaders.LOCATION, representation.location(handler.type(), created));
    }

    public HttpResponse<byte[]> get(ResourceHandler handler, HttpRequest<?> request, Authentication authentication,
                                    String id, @Nullable String attributes, @Nullable String excludedAttributes,
                                    @Nullable String ifNoneMatch) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, handler.type());
        RequestContext context = contexts.of(request, authentication);
        ResourceRecord found = ResourceIds.parse(id).flatMap(uuid -> operations.find(handler, context, uuid))
                .orElseThrow(() -> notFound(handler, id));
        if (ETags.noneMatchHits(ifNoneMatch, found.version())) {
            return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, ETags.of(found.version()));
        }
        return withVersion(responses.ok(handler.present(found, selection)), found);
    }

    /** A list or filter query, from a query string or a .search body (RFC 7644 §3.4.2, §3.4.3), paged by index or cursor (RFC 9865). */
    public HttpResponse<byte[]> list(ResourceHandler handler, HttpRequest<?> request, Authentication authentication,
                                     SearchRequest search) {
        ListRequest list = search.list(listSettings);
        AttributeSelection selection = AttributeSelection.of(search.attributes(), search.excludedAttributes(), handler.type());
        RequestContext context = contexts.forSearch(request, authentication, list);
        ListPaging paging = cursorPaging.open(list, context.tenantId(), handler.type().endpoint().substring(1));
        ResourcePage page = handler.directory().search(context, paging.query(handler.directory().fields()));
        return responses.ok(paging.response(json, page.total(), page.edges(), handler.present(page, selection)));
    }

    /** RFC 7644 §3.4.3: the list query in a body (filters with personal data stay out of URLs and logs). */
    public HttpResponse<byte[]> search(ResourceHandler handler, HttpRequest<?> request, Authentication authentication,
                                       @Nullable byte[] body) {
        return list(handler, request, authentication, SearchRequest.parse(bodies.parse(request, body)));
    }

    /** 200 with the resource (RFC 7644 §3.5.1): the client sent the whole member list, the answer is as large. */
    public HttpResponse<byte[]> replace(ResourceHandler handler, HttpRequest<?> request, Authentication authentication,
                                        String id, @Nullable byte[] body, @Nullable String ifMatch,
                                        @Nullable String attributes, @Nullable String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, handler.type());
        UUID uuid = ResourceIds.parse(id).orElseThrow(() -> notFound(handler, id));
        ResourceRecord changed = operations.replace(handler, contexts.of(request, authentication), uuid,
                ETags.ifMatch(ifMatch), bodies.parse(request, body));
        return withVersion(responses.ok(handler.present(changed, selection)), changed);
    }

    /**
     * 200 with the resource; or, when the client chose no attributes and the handler says so (a large group,
     * see {@link GroupHandler}), 204 with the ETag: RFC 7644 §3.5.2 allows either.
     */
    public HttpResponse<byte[]> patch(ResourceHandler handler, HttpRequest<?> request, Authentication authentication,
                                      String id, @Nullable byte[] body, @Nullable String ifMatch,
                                      @Nullable String attributes, @Nullable String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, handler.type());
        UUID uuid = ResourceIds.parse(id).orElseThrow(() -> notFound(handler, id));
        RequestContext context = contexts.of(request, authentication);
        ObjectNode parsed = bodies.parse(request, body);
        boolean withResource = !selection.isDefault() || handler.answersPatchWithResource(context.tenantId(), uuid);
        ResourceRecord changed = operations.patch(handler, context, uuid, ETags.ifMatch(ifMatch), parsed, withResource);
        if (!withResource) {
            return withVersion(HttpResponse.<byte[]>noContent(), changed);
        }
        return withVersion(responses.ok(handler.present(changed, selection)), changed);
    }

    public HttpResponse<?> delete(ResourceHandler handler, HttpRequest<?> request, Authentication authentication,
                                  String id, @Nullable String ifMatch) {
        UUID uuid = ResourceIds.parse(id).orElseThrow(() -> notFound(handler, id));
        operations.delete(handler, contexts.of(request, authentication), uuid, ETags.ifMatch(ifMatch));
        return HttpResponse.noContent();
    }

    private static <T> MutableHttpResponse<T> withVersion(MutableHttpResponse<T> response, ResourceRecord record) {
        return response.header(HttpHeaders.ETAG, ETags.of(record.version()));
    }

    private static ScimException notFound(ResourceHandler handler, String id) {
        return ScimException.notFound(handler.type().name() + " '" + id + "' not found.");
    }
}
