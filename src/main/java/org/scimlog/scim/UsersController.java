package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.MediaType;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.scimlog.directory.UserChange;
import org.scimlog.directory.UserDirectory;
import org.scimlog.directory.UserDraft;
import org.scimlog.directory.UserPage;
import org.scimlog.directory.UserQuery;
import org.scimlog.directory.UserRecord;
import org.scimlog.directory.UserSqlFields;
import org.scimlog.filter.AttributePath;
import org.scimlog.filter.Dialect;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterParser;
import org.scimlog.filter.SqlFragment;
import org.scimlog.schema.ResourceType;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;
import org.scimlog.scim.patch.PatchApplier;
import org.scimlog.scim.patch.PatchOperation;
import org.scimlog.scim.patch.PatchRequestParser;
import org.scimlog.audit.RequestContext;
import org.scimlog.security.Scopes;

/** /scim/v2/Users (RFC 7644 §3.3–3.6). The tenant always comes from the credential, never from the request. */
@Controller(ResourceLocations.SCIM_PATH + "/Users")
@Consumes({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Produces({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Secured(Scopes.SCIM)
@ExecuteOn(TaskExecutors.BLOCKING)
public class UsersController {

    private static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private final UserDirectory directory;
    private final UserSqlFields fields;
    private final DocumentValidator validator;
    private final UserRepresentation representation;
    private final ScimJson json;
    private final ScimResponses responses;
    private final ListSettings listSettings;
    private final RequestContexts contexts;
    private final ResourceType type;

    public UsersController(UserDirectory directory, UserSqlFields fields, DocumentValidator validator,
                           UserRepresentation representation, ScimJson json, ScimResponses responses,
                           ListSettings listSettings, RequestContexts contexts, SchemaRegistry registry) {
        this.directory = directory;
        this.fields = fields;
        this.validator = validator;
        this.representation = representation;
        this.json = json;
        this.responses = responses;
        this.listSettings = listSettings;
        this.contexts = contexts;
        this.type = registry.user();
    }

    @Post
    public HttpResponse<byte[]> create(HttpRequest<?> request, Authentication authentication, @Nullable @Body byte[] body,
                                       @Nullable @QueryValue String attributes,
                                       @Nullable @QueryValue String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        DocumentValidator.ValidatedDocument validated = validator.validate(parseBody(request, body), type);
        UserChange change = directory.create(contexts.of(request, authentication).withDebug("httpStatus", "201"),
                new UserDraft(validated.document(), validated.password().isPresent()));
        UserRecord created = change.after();
        return withVersion(responses.body(HttpStatus.CREATED, selection.apply(representation.of(created))), created)
                .header(HttpHeaders.LOCATION, representation.of(created).path("meta").path("location").asText());
    }

    @Get("/{id}")
    public HttpResponse<byte[]> get(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                    @Nullable @QueryValue String attributes,
                                    @Nullable @QueryValue String excludedAttributes,
                                    @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        UserRecord user = parseId(id).flatMap(uuid -> directory.find(contexts.of(request, authentication).withDebug("httpStatus", "200"), uuid))
                .orElseThrow(() -> notFound(id));
        if (ETags.noneMatchHits(ifNoneMatch, user.version())) {
            return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, ETags.of(user.version()));
        }
        return withVersion(responses.ok(selection.apply(representation.of(user))), user);
    }

    @Get
    public HttpResponse<byte[]> list(HttpRequest<?> request, Authentication authentication,
                                     @Nullable @QueryValue String filter,
                                     @Nullable @QueryValue String sortBy,
                                     @Nullable @QueryValue String sortOrder,
                                     @Nullable @QueryValue String startIndex,
                                     @Nullable @QueryValue String count,
                                     @Nullable @QueryValue String attributes,
                                     @Nullable @QueryValue String excludedAttributes) {
        ListRequest list = ListRequest.of(filter, sortBy, sortOrder, startIndex, count, listSettings);
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        UserQuery query = new UserQuery(where(list.filter()), orderBy(list.sortBy()), list.descending(),
                list.startIndex() - 1, list.count());
        RequestContext context = contexts.of(request, authentication).withDebug("httpStatus", "200");
        if (list.filter() != null) {
            context = context.withDebug("filter", list.filter());
        }
        UserPage page = directory.search(context, query);
        ObjectNode body = json.object();
        body.putArray("schemas").add(LIST_RESPONSE);
        body.put("totalResults", page.total());
        body.put("startIndex", list.startIndex());
        body.put("itemsPerPage", page.users().size());
        ArrayNode resources = body.putArray("Resources");
        page.users().forEach(u -> resources.add(selection.apply(representation.of(u))));
        return responses.ok(body);
    }

    @Put("/{id}")
    public HttpResponse<byte[]> replace(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                        @Nullable @Body byte[] body,
                                        @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                        @Nullable @QueryValue String attributes,
                                        @Nullable @QueryValue String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        UUID uuid = parseId(id).orElseThrow(() -> notFound(id));
        DocumentValidator.ValidatedDocument validated = validator.validate(parseBody(request, body), type);
        UserChange change = directory.update(contexts.of(request, authentication).withDebug("httpStatus", "200"), uuid,
                ETags.ifMatch(ifMatch), current -> {
                    validator.checkImmutable(current.document(), validated.document(), type);
                    return new UserDraft(validated.document(), validated.password().isPresent());
                });
        return withVersion(responses.ok(selection.apply(representation.of(change.after()))), change.after());
    }

    @Patch("/{id}")
    public HttpResponse<byte[]> patch(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                      @Nullable @Body byte[] body,
                                      @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                      @Nullable @QueryValue String attributes,
                                      @Nullable @QueryValue String excludedAttributes) {
        AttributeSelection selection = AttributeSelection.of(attributes, excludedAttributes, type);
        UUID uuid = parseId(id).orElseThrow(() -> notFound(id));
        List<PatchOperation> operations = PatchRequestParser.parse(parseBody(request, body));
        PatchApplier applier = new PatchApplier(type);
        UserChange change = directory.update(contexts.of(request, authentication).withDebug("httpStatus", "200"), uuid,
                ETags.ifMatch(ifMatch), current -> {
                    ObjectNode patched = applier.apply(current.documentCopy(), operations);
                    DocumentValidator.ValidatedDocument validated = validator.validate(patched, type);
                    return new UserDraft(validated.document(), validated.password().isPresent());
                });
        return withVersion(responses.ok(selection.apply(representation.of(change.after()))), change.after());
    }

    @Delete("/{id}")
    public HttpResponse<?> delete(HttpRequest<?> request, Authentication authentication, @PathVariable String id,
                                  @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        UUID uuid = parseId(id).orElseThrow(() -> notFound(id));
        directory.delete(contexts.of(request, authentication).withDebug("httpStatus", "204"), uuid, ETags.ifMatch(ifMatch));
        return HttpResponse.noContent();
    }

    private ObjectNode parseBody(HttpRequest<?> request, @Nullable byte[] body) {
        if (!ScimMediaTypes.acceptedRequestType(request.getContentType().orElse(null))) {
            throw new ScimException(415, null, "Unsupported media type; send application/scim+json or application/json.");
        }
        return json.parseObject(body);
    }

    @Nullable
    private SqlFragment where(@Nullable String filter) {
        if (filter == null) {
            return null;
        }
        try {
            return fields.where(FilterParser.parse(filter, Dialect.SCIM));
        } catch (FilterException e) {
            throw ScimException.badRequest(ScimType.INVALID_FILTER, "Invalid filter: " + e.getMessage());
        }
    }

    @Nullable
    private String orderBy(@Nullable String sortBy) {
        if (sortBy == null) {
            return null;
        }
        AttributePath path;
        try {
            path = FilterParser.parsePatchPath(sortBy).attribute();
        } catch (FilterException e) {
            throw ScimException.badRequest(ScimType.INVALID_VALUE, "sortBy: " + e.getMessage());
        }
        return fields.sortExpression(path).orElseThrow(() -> ScimException.badRequest(ScimType.INVALID_VALUE,
                "sortBy: '" + sortBy + "' is not a sortable attribute of User."));
    }

    private static <T> MutableHttpResponse<T> withVersion(MutableHttpResponse<T> response, UserRecord user) {
        return response.header(HttpHeaders.ETAG, ETags.of(user.version()));
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ScimException notFound(String id) {
        return ScimException.notFound("User '" + id + "' not found.");
    }
}
