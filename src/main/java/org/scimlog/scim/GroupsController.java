package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
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
import java.util.UUID;
import org.scimlog.audit.RequestContext;
import org.scimlog.directory.GroupDirectory;
import org.scimlog.directory.GroupPage;
import org.scimlog.directory.GroupRecord;
import org.scimlog.directory.GroupSqlFields;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.scim.error.ScimException;
import org.scimlog.security.Scopes;

/**
 * /scim/v2/Groups (RFC 7644 §3.3–3.6). Members are returned unless the request excludes them
 * ({@code excludedAttributes=members}), in which case their rows are not read at all.
 */
@Controller(ResourceLocations.SCIM_PATH + "/Groups")
@Consumes({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Produces({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Secured(Scopes.SCIM)
@ExecuteOn(TaskExecutors.BLOCKING)
public class GroupsController {

    private final GroupDirectory directory;
    private final GroupResources resources;
    private final GroupSqlFields fields;
    private final GroupRepresentation representation;
    private final RequestBodies bodies;
    private final RequestContexts contexts;
    private final ScimJson json;
    private final ScimResponses responses;
    private final ListSettings listSettings;
    private final CursorPaging cursorPaging;
    private final ResourceType type;

    public GroupsController(GroupDirectory directory, GroupResources resources, GroupSqlFields fields,
                            GroupRepresentation representation, RequestBodies bodies, RequestContexts contexts,
                            ScimJson json, ScimResponses responses, ListSettings listSettings,
                            SchemaRegistry registry, CursorPaging cursorPaging) {
        this.directory = directory;
        this.resources = resources;
        this.fields = fields;
        this.representation = representation;
        this.bodies = bodies;
        this.contexts = contexts;
        this.json = json;
        this.responses = responses;
        this.listSettings = listSettings;
        this.cursorPaging = cursorPaging;
        this.type = registry.group();
    }

    @Post
    public HttpResponse<byte[]> create(HttpRequest<?> request, Authentication authentication, @Nullable @Body byte[] body,
                                       @Nullable @QueryValue String attributes,
                                       @Nullable @QueryValue String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        GroupRecord created = resources.create(contexts.of(request, authentication), bodies.parse(request, body));
        return withVersion(responses.body(HttpStatus.CREATED, representation.of(created, selection)), created)
                .header(HttpHeaders.LOCATION, representation.location(created.id()));
    }

    @Get("/{id}")
    public HttpResponse<byte[]> get(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                    @Nullable @QueryValue String attributes,
                                    @Nullable @QueryValue String excludedAttributes,
                                    @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        GroupRecord group = ResourceIds.parse(id)
                .flatMap(uuid -> directory.find(contexts.of(request, authentication).withDebug("httpStatus", "200"), uuid))
                .orElseThrow(() -> notFound(id));
        if (ETags.noneMatchHits(ifNoneMatch, group.version())) {
            return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, ETags.of(group.version()));
        }
        return withVersion(responses.ok(representation.of(group, selection)), group);
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
        ListPaging paging = cursorPaging.open(list, context.tenantId(), "Groups");
        GroupPage page = directory.search(context, paging.query(fields));
        return responses.ok(paging.response(json, page.total(), page.edges(),
                page.groups().stream().map(g -> representation.of(g, selection)).toList()));
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
        ObjectNode document = bodies.parse(request, body);
        GroupRecord replaced = resources.replace(contexts.of(request, authentication), uuid, ETags.ifMatch(ifMatch), document);
        return withVersion(responses.ok(representation.of(replaced, selection)), replaced);
    }

    /** 200 with the group (Okta's 2023 suite expects the members back); excludedAttributes=members keeps it small. */
    @Patch("/{id}")
    public HttpResponse<byte[]> patch(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                      @Nullable @Body byte[] body,
                                      @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                      @Nullable @QueryValue String attributes,
                                      @Nullable @QueryValue String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        UUID uuid = ResourceIds.parse(id).orElseThrow(() -> notFound(id));
        ObjectNode operations = bodies.parse(request, body);
        GroupRecord patched = resources.patch(contexts.of(request, authentication), uuid, ETags.ifMatch(ifMatch), operations);
        return withVersion(responses.ok(representation.of(patched, selection)), patched);
    }

    @Delete("/{id}")
    public HttpResponse<?> delete(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                  @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID uuid = ResourceIds.parse(id).orElseThrow(() -> notFound(id));
        resources.delete(contexts.of(request, authentication), uuid, ETags.ifMatch(ifMatch));
        return HttpResponse.noContent();
    }

    private static <T> MutableHttpResponse<T> withVersion(MutableHttpResponse<T> response, GroupRecord group) {
        return response.header(HttpHeaders.ETAG, ETags.of(group.version()));
    }

    private static ScimException notFound(String id) {
        return ScimException.notFound("Group '" + id + "' not found.");
    }
}
