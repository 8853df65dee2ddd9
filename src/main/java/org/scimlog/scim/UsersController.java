package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.UUID;
import org.scimlog.directory.UserDirectory;
import org.scimlog.directory.UserPage;
import org.scimlog.directory.UserRecord;
import org.scimlog.directory.UserSqlFields;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.scim.error.ScimException;
import org.scimlog.audit.RequestContext;
import org.scimlog.security.Scopes;

/** /scim/v2/Users (RFC 7644 §3.3–3.6). The tenant always comes from the credential, never from the request. */
@Controller(ResourceLocations.SCIM_PATH + "/Users")
@Consumes({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Produces({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Secured(Scopes.SCIM)
@ExecuteOn(TaskExecutors.BLOCKING)
public class UsersController {

    private final UserDirectory directory;
    private final UserResources resources;
    private final UserSqlFields fields;
    private final UserRepresentation representation;
    private final ScimJson json;
    private final RequestBodies bodies;
    private final RequestContexts contexts;
    private final ScimResponses responses;
    private final ListSettings listSettings;
    private final CursorPaging cursorPaging;
    private final ResourceType type;

    public UsersController(UserDirectory directory, UserResources resources, UserSqlFields fields,
                           UserRepresentation representation, ScimJson json, RequestBodies bodies,
                           RequestContexts contexts, ScimResponses responses,
                           ListSettings listSettings, SchemaRegistry registry, CursorPaging cursorPaging) {
        this.directory = directory;
        this.resources = resources;
        this.fields = fields;
        this.representation = representation;
        this.json = json;
        this.bodies = bodies;
        this.contexts = contexts;
        this.responses = responses;
        this.listSettings = listSettings;
        this.cursorPaging = cursorPaging;
        this.type = registry.user();
    }

    @Post
    public HttpResponse<byte[]> create(HttpRequest<?> request, Authentication authentication, @Nullable @Body byte[] body,
                                       @Nullable @QueryValue String attributes,
                                       @Nullable @QueryValue String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        UserRecord created = resources.create(contexts.of(request, authentication), bodies.parse(request, body));
        ObjectNode full = representation.of(created);
        return withVersion(responses.body(HttpStatus.CREATED, selection.apply(full)), created)
                .header(HttpHeaders.LOCATION, full.path("meta").path("location").asText());
    }

    @Get("/{id}")
    public HttpResponse<byte[]> get(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                    @Nullable @QueryValue String attributes,
                                    @Nullable @QueryValue String excludedAttributes,
                                    @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        RequestContext context = contexts.of(request, authentication).withDebug("httpStatus", "200");
        UserRecord user = ResourceIds.parse(id).flatMap(uuid -> directory.find(context, uuid))
                .orElseThrow(() -> notFound(id));
        if (ETags.noneMatchHits(ifNoneMatch, user.version())) {
            return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, ETags.of(user.version()));
        }
        return withVersion(responses.ok(representation.present(user, selection)), user);
    }

    @Get
    public HttpResponse<byte[]> list(HttpRequest<?> request, Authentication authentication,
                                     @Nullable @QueryValue String filter,
                                     @Nullable @QueryValue String sortBy,
                                     @Nullable @QueryValue String sortOrder,
                                     @Nullable @QueryValue String startIndex,
                                     @Nullable @QueryValue String count,
                                     @Nullable @QueryValue String attributes,
                                     @Nullable @QueryValue String excludedAttributes,
                                     @Nullable @QueryValue String cursor) {
        ListRequest list = ListRequest.of(filter, sortBy, sortOrder, startIndex, count, cursor, listSettings);
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        RequestContext context = contexts.forSearch(request, authentication, list);
        ListPaging paging = cursorPaging.open(list, context.tenantId(), "Users");
        UserPage page = directory.search(context, paging.query(fields), selection.returns("groups"));
        return responses.ok(paging.response(json, page.total(), page.edges(), representation.present(page, selection)));
    }

    /** RFC 7644 §3.4.3: the list query in a body (filters with personal data stay out of URLs and logs). */
    @Post("/.search")
    public HttpResponse<byte[]> search(HttpRequest<?> request, Authentication authentication, @Nullable @Body byte[] body) {
        SearchRequest search = SearchRequest.parse(bodies.parse(request, body));
        return list(request, authentication, search.filter(), search.sortBy(), search.sortOrder(), search.startIndex(),
                search.count(), search.attributes(), search.excludedAttributes(), search.cursor());
    }

    @Put("/{id}")
    public HttpResponse<byte[]> replace(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                        @Nullable @Body byte[] body,
                                        @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                        @Nullable @QueryValue String attributes,
                                        @Nullable @QueryValue String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        UUID uuid = ResourceIds.parse(id).orElseThrow(() -> notFound(id));
        UserRecord replaced = resources.replace(contexts.of(request, authentication), uuid, ETags.ifMatch(ifMatch),
                bodies.parse(request, body));
        return withVersion(responses.ok(representation.present(replaced, selection)), replaced);
    }

    @Patch("/{id}")
    public HttpResponse<byte[]> patch(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                      @Nullable @Body byte[] body,
                                      @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                      @Nullable @QueryValue String attributes,
                                      @Nullable @QueryValue String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        UUID uuid = ResourceIds.parse(id).orElseThrow(() -> notFound(id));
        UserRecord patched = resources.patch(contexts.of(request, authentication), uuid, ETags.ifMatch(ifMatch),
                bodies.parse(request, body));
        return withVersion(responses.ok(representation.present(patched, selection)), patched);
    }

    @Delete("/{id}")
    public HttpResponse<?> delete(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                  @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID uuid = ResourceIds.parse(id).orElseThrow(() -> notFound(id));
        resources.delete(contexts.of(request, authentication), uuid, ETags.ifMatch(ifMatch));
        return HttpResponse.noContent();
    }

    private static <T> MutableHttpResponse<T> withVersion(MutableHttpResponse<T> response, UserRecord user) {
        return response.header(HttpHeaders.ETAG, ETags.of(user.version()));
    }

    private static ScimException notFound(String id) {
        return ScimException.notFound("User '" + id + "' not found.");
    }
}
