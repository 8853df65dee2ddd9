package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.scimlog.directory.ResourceQuery;
import org.scimlog.directory.ResourceSqlFields;
import org.scimlog.filter.AttributePath;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterParser;
import org.scimlog.filter.SqlFragment;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/** A list request (RFC 7644 §3.4.2) as a directory query of one resource type, and its ListResponse. */
public final class ListQueries {

    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ListQueries() {
    }

    public static ResourceQuery query(ListRequest list, ResourceSqlFields fields) {
        return new ResourceQuery(where(list, fields), orderBy(list.sortBy(), fields), list.descending(),
                list.startIndex() - 1, list.count());
    }

    public static ObjectNode response(ScimJson json, long total, int startIndex, List<ObjectNode> resources) {
        ObjectNode body = json.object();
        body.putArray("schemas").add(LIST_RESPONSE);
        body.put("totalResults", total);
        body.put("startIndex", startIndex);
        body.put("itemsPerPage", resources.size());
        ArrayNode array = body.putArray("Resources");
        resources.forEach(array::add);
        return body;
    }

    /** The filter in SQL; an attribute the resource does not have, or a value of the wrong type, is invalidFilter. */
    @Nullable
    private static SqlFragment where(ListRequest list, ResourceSqlFields fields) {
        if (list.parsedFilter() == null) {
            return null;
        }
        try {
            return fields.where(list.parsedFilter());
        } catch (FilterException e) {
            throw invalidFilter(e);
        }
    }

    /** RFC 7644 §3.12: a filter that cannot be parsed or does not fit the resource. */
    static ScimException invalidFilter(FilterException e) {
        return ScimException.badRequest(ScimType.INVALID_FILTER, "Invalid filter: " + e.getMessage());
    }

    @Nullable
    private static String orderBy(@Nullable String sortBy, ResourceSqlFields fields) {
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
                "sortBy: '" + sortBy + "' is not a sortable attribute of " + fields.resourceName() + "."));
    }
}
