package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.scimlog.directory.Keyset;
import org.scimlog.directory.PageEdges;
import org.scimlog.directory.ResourceQuery;
import org.scimlog.directory.ResourceSqlFields;

/**
 * The paging of one list request. With startIndex (the default, so clients that never heard of RFC 9865
 * see nothing change) it is an offset page. With a cursor it is a keyset page: the query starts after the
 * cursor's position, and the response carries totalResults (the exact number that match now), itemsPerPage,
 * nextCursor unless this is the last page, previousCursor unless it is the first, and no startIndex.
 */
public final class ListPaging {

    private final ListRequest list;
    private final CursorCodec codec;
    private final byte[] query;
    private final int segment;
    private final Keyset keyset;

    ListPaging(ListRequest list, CursorCodec codec, @Nullable byte[] query, int segment, @Nullable Keyset keyset) {
        this.list = list;
        this.codec = codec;
        this.query = query;
        this.segment = segment;
        this.keyset = keyset;
    }

    public boolean byCursor() {
        return keyset != null;
    }

    /** Which list of a search over several (root .search: 0 Users, 1 Groups) the cursor points into. */
    public int segment() {
        return segment;
    }

    /** The cursor's position, or the start for a first page (cursor paging only). */
    public Keyset keyset() {
        return keyset;
    }

    public ResourceQuery query(ResourceSqlFields fields) {
        ResourceQuery offsetQuery = ListQueries.query(list, fields);
        return byCursor() ? offsetQuery.byKeyset(keyset, list.count()) : offsetQuery;
    }

    /** The ListResponse of a page of one list. */
    public ObjectNode response(ScimJson json, long total, @Nullable PageEdges edges, List<ObjectNode> resources) {
        if (!byCursor()) {
            return ListQueries.response(json, total, list.startIndex(), resources);
        }
        String next = null;
        String previous = null;
        if (edges != null && !keyset.backward()) {
            if (edges.more()) {
                next = cursor(segment, new Keyset(edges.last(), false, false));
            }
            if (keyset.position() != null) {
                previous = edges.first() != null ? cursor(segment, new Keyset(edges.first(), true, false))
                        : cursor(segment, new Keyset(keyset.position(), true, !keyset.inclusive()));
            }
        } else if (edges != null) {
            if (edges.more()) {
                previous = cursor(segment, new Keyset(edges.first(), true, false));
            }
            next = edges.last() != null ? cursor(segment, new Keyset(edges.last(), false, false))
                    : cursor(segment, new Keyset(keyset.position(), false, !keyset.inclusive()));
        }
        return cursorResponse(json, total, next, previous, resources);
    }

    /** A cursor for this request's query (same filter and order) at a position of a segment. */
    public String cursor(int segment, Keyset at) {
        return codec.seal(segment, at, query);
    }

    public static ObjectNode cursorResponse(ScimJson json, long total, @Nullable String next, @Nullable String previous,
                                            List<ObjectNode> resources) {
        ObjectNode body = json.object();
        body.putArray("schemas").add(ListQueries.LIST_RESPONSE);
        body.put("totalResults", total);
        body.put("itemsPerPage", resources.size());
        if (previous != null) {
            body.put("previousCursor", previous);
        }
        if (next != null) {
            body.put("nextCursor", next);
        }
        ArrayNode array = body.putArray("Resources");
        resources.forEach(array::add);
        return body;
    }
}
