package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.scimlog.audit.RequestContext;
import org.scimlog.directory.Keyset;
import org.scimlog.directory.ResourcePage;
import org.scimlog.directory.ResourceQuery;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * Cursor paging (RFC 9865) of the root .search, which lists every type served in turn (Users, Groups, the
 * declared types): a cursor points into one of those lists (its segment, the type's place in
 * {@link ResourceHandlers#all()}), and a page that ends one list fills up with the first resources of the next.
 * Forward only: previousCursor is OPTIONAL in RFC 9865 and not offered here (each type's own list offers it).
 */
@Singleton
public class RootCursorSearch {

    private final ResourceHandlers handlers;

    public RootCursorSearch(ResourceHandlers handlers) {
        this.handlers = handlers;
    }

    /** {@code queries} and {@code selections} are per type, in the order of {@link ResourceHandlers#all()}. */
    public ObjectNode search(ScimJson json, RequestContext context, ListPaging paging, int count,
                             List<ResourceQuery> queries, List<AttributeSelection> selections) {
        List<ResourceHandler> types = handlers.all();
        if (paging.keyset().backward() || paging.segment() >= types.size()) {
            throw ScimException.badRequest(ScimType.INVALID_CURSOR, "The cursor is not one this server issued.");
        }
        List<ObjectNode> resources = new ArrayList<>();
        String next = null;
        long total = 0;
        for (int i = 0; i < types.size(); i++) {
            ResourceHandler type = types.get(i);
            ResourceQuery query = queries.get(i);
            if (i < paging.segment() || next != null) {
                total += type.directory().search(context, new ResourceQuery(query.where(), null, false, 0, 0)).total();
                continue;
            }
            Keyset from = i == paging.segment() ? paging.keyset() : Keyset.fromStart();
            ResourcePage page = type.directory().search(context, query.byKeyset(from, count - resources.size()));
            resources.addAll(type.present(page, selections.get(i)));
            total += page.total();
            if (page.edges().more()) {
                next = paging.cursor(i, page.edges().last() == null ? Keyset.fromStart()
                        : new Keyset(page.edges().last(), false, false));
            }
        }
        return ListPaging.cursorResponse(json, total, next, null, resources);
    }
}
