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
import org.scimlog.directory.ResourcePage;
import org.scimlog.directory.ResourceQuery;
import org.scimlog.directory.AbsentAttributesMatchNothing;
import org.scimlog.audit.RequestContext;
import org.scimlog.security.Scopes;

/**
 * POST /scim/v2/.search (RFC 7644 §3.4.3): one search over every resource type served. Results are Users,
 * then Groups, then the declared types, each in the requested order; paging runs over that concatenation. A
 * comparison on an attribute one type lacks (e.g. userName for groups) is false for that type. With a cursor
 * (RFC 9865) see {@link RootCursorSearch}.
 */
@Controller(ResourceLocations.SCIM_PATH)
@Consumes({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Produces({ScimMediaTypes.SCIM_JSON, MediaType.APPLICATION_JSON})
@Secured(Scopes.SCIM)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RootSearchController {

    private final ResourceHandlers handlers;
    private final RequestBodies bodies;
    private final ScimJson json;
    private final ScimResponses responses;
    private final ListSettings listSettings;
    private final RequestContexts contexts;
    private final CursorPaging cursorPaging;
    private final RootCursorSearch cursorSearch;

    public RootSearchController(ResourceHandlers handlers, RequestBodies bodies, ScimJson json, ScimResponses responses,
                                ListSettings listSettings, RequestContexts contexts, CursorPaging cursorPaging,
                                RootCursorSearch cursorSearch) {
        this.handlers = handlers;
        this.bodies = bodies;
        this.json = json;
        this.responses = responses;
        this.listSettings = listSettings;
        this.contexts = contexts;
        this.cursorPaging = cursorPaging;
        this.cursorSearch = cursorSearch;
    }

    @Post("/.search")
    public HttpResponse<byte[]> search(HttpRequest<?> request, Authentication authentication, @Nullable @Body byte[] body) {
        SearchRequest search = SearchRequest.parse(bodies.parse(request, body));
        ListRequest list = search.list(listSettings);
        RequestContext context = contexts.forSearch(request, authentication, list);
        List<ResourceQuery> queries = new ArrayList<>();
        List<AttributeSelection> selections = new ArrayList<>();
        for (ResourceHandler handler : handlers.all()) {
            queries.add(ListQueries.query(list, new AbsentAttributesMatchNothing(handler.directory().fields())));
            selections.add(AttributeSelection.of(search.attributes(), search.excludedAttributes(), handler.type()));
        }
        ListPaging paging = cursorPaging.open(list, context.tenantId(), ".search");
        if (paging.byCursor()) {
            return responses.ok(cursorSearch.search(json, context, paging, list.count(), queries, selections));
        }
        int offset = list.startIndex() - 1;
        long total = 0;
        List<ObjectNode> resources = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            ResourceHandler handler = handlers.all().get(i);
            ResourceQuery query = queries.get(i);
            ResourcePage page = handler.directory().search(context, new ResourceQuery(query.where(), query.orderBy(),
                    query.descending(), (int) Math.max(0, offset - total), list.count() - resources.size()));
            resources.addAll(handler.present(page, selections.get(i)));
            total += page.total();
        }
        return responses.ok(ListQueries.response(json, total, list.startIndex(), resources));
    }
}
