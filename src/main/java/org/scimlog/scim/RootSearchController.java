package org.scimlog.scim;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.scimlog.directory.GroupDirectory;
import org.scimlog.directory.GroupPage;
import org.scimlog.directory.GroupSqlFields;
import org.scimlog.directory.ResourceQuery;
import org.scimlog.directory.AbsentAttributesMatchNothing;
import org.scimlog.directory.UserDirectory;
import org.scimlog.directory.UserPage;
import org.scimlog.directory.UserSqlFields;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.audit.RequestContext;
import org.scimlog.security.Scopes;

/**
 * POST /scim/v2/.search (RFC 7644 §3.4.3): one search over Users and Groups. Results are Users, then Groups,
 * each in the requested order; paging runs over that concatenation. A comparison on an attribute one type
 * lacks (e.g. userName for groups) is false for that type. With a cursor (RFC 9865) see {@link RootCursorSearch}.
 */
@Controller(ResourceLocations.SCIM_PATH)
@Consumes({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Produces({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Secured(Scopes.SCIM)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RootSearchController {

    private final UserDirectory users;
    private final GroupDirectory groups;
    private final UserSqlFields userFields;
    private final GroupSqlFields groupFields;
    private final UserRepresentation userRepresentation;
    private final GroupRepresentation groupRepresentation;
    private final RequestBodies bodies;
    private final ScimJson json;
    private final ScimResponses responses;
    private final ListSettings listSettings;
    private final SchemaRegistry registry;
    private final RequestContexts contexts;
    private final CursorPaging cursorPaging;
    private final RootCursorSearch rootCursorSearch;

    public RootSearchController(UserDirectory users, GroupDirectory groups, UserSqlFields userFields,
                                GroupSqlFields groupFields, UserRepresentation userRepresentation,
                                GroupRepresentation groupRepresentation, RequestBodies bodies, ScimJson json,
                                ScimResponses responses, ListSettings listSettings, SchemaRegistry registry,
                                RequestContexts contexts, CursorPaging cursorPaging, RootCursorSearch rootCursorSearch) {
        this.users = users;
        this.groups = groups;
        this.userFields = userFields;
        this.groupFields = groupFields;
        this.userRepresentation = userRepresentation;
        this.groupRepresentation = groupRepresentation;
        this.bodies = bodies;
        this.json = json;
        this.responses = responses;
        this.listSettings = listSettings;
        this.registry = registry;
        this.contexts = contexts;
        this.cursorPaging = cursorPaging;
        this.rootCursorSearch = rootCursorSearch;
    }

    @Post("/.search")
    public HttpResponse<byte[]> search(HttpRequest<?> request, Authentication authentication, @Nullable @Body byte[] body) {
        SearchRequest search = SearchRequest.parse(bodies.parse(request, body));
        ListRequest list = search.list(listSettings);
        AttributeSelection userSelection = AttributeSelection.of(search.attributes(), search.excludedAttributes(), registry.user());
        AttributeSelection groupSelection = AttributeSelection.of(search.attributes(), search.excludedAttributes(), registry.group());
        ResourceQuery userQuery = ListQueries.query(list, new AbsentAttributesMatchNothing(userFields));
        ResourceQuery groupQuery = ListQueries.query(list, new AbsentAttributesMatchNothing(groupFields));
        RequestContext context = contexts.forSearch(request, authentication, list);
        UUID tenantId = context.tenantId();
        ListPaging paging = cursorPaging.open(list, tenantId, ".search");
        if (paging.byCursor()) {
            return responses.ok(rootCursorSearch.search(json, context, paging, list.count(), userQuery, groupQuery,
                    userSelection, groupSelection));
        }
        int offset = list.startIndex() - 1;
        UserPage userPage = users.search(context, userQuery, userSelection.returns("groups"));
        List<ObjectNode> resources = new ArrayList<>(userRepresentation.present(userPage, userSelection));
        int groupOffset = (int) Math.max(0, offset - userPage.total());
        GroupPage groupPage = groups.search(context, new ResourceQuery(groupQuery.where(), groupQuery.orderBy(),
                groupQuery.descending(), groupOffset, list.count() - resources.size()));
        groupPage.groups().forEach(g -> resources.add(groupRepresentation.of(g, groupSelection)));
        return responses.ok(ListQueries.response(json, userPage.total() + groupPage.total(), list.startIndex(),
                resources));
    }
}
