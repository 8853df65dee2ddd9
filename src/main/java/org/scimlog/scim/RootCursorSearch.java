package org.scimlog.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.scimlog.audit.RequestContext;
import org.scimlog.directory.GroupDirectory;
import org.scimlog.directory.GroupPage;
import org.scimlog.directory.Keyset;
import org.scimlog.directory.ResourceQuery;
import org.scimlog.directory.UserDirectory;
import org.scimlog.directory.UserPage;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * Cursor paging (RFC 9865) of the root .search, which lists Users, then Groups: a cursor points into one of
 * the two lists (its segment), and a page that ends the Users fills up with the first Groups. Forward only:
 * previousCursor is OPTIONAL in RFC 9865 and not offered here (the /Users and /Groups lists offer it).
 */
@Singleton
public class RootCursorSearch {

    static final int USERS = 0;
    static final int GROUPS = 1;

    private final UserDirectory users;
    private final GroupDirectory groups;
    private final UserRepresentation userRepresentation;
    private final GroupRepresentation groupRepresentation;

    public RootCursorSearch(UserDirectory users, GroupDirectory groups, UserRepresentation userRepresentation,
                            GroupRepresentation groupRepresentation) {
        this.users = users;
        this.groups = groups;
        this.userRepresentation = userRepresentation;
        this.groupRepresentation = groupRepresentation;
    }

    /** {@code userQuery} and {@code groupQuery} are the request's offset queries; the cursor replaces their paging. */
    public ObjectNode search(ScimJson json, RequestContext context, ListPaging paging, int count,
                             ResourceQuery userQuery, ResourceQuery groupQuery,
                             AttributeSelection userSelection, AttributeSelection groupSelection) {
        Keyset keyset = paging.keyset();
        if (keyset.backward() || paging.segment() > GROUPS) {
            throw ScimException.badRequest(ScimType.INVALID_CURSOR, "The cursor is not one this server issued.");
        }
        List<ObjectNode> resources = new ArrayList<>();
        String next = null;
        long userTotal;
        if (paging.segment() == USERS) {
            UserPage userPage = users.search(context, userQuery.byKeyset(keyset, count), userSelection.returns("groups"));
            resources.addAll(userRepresentation.present(userPage, userSelection));
            userTotal = userPage.total();
            if (userPage.edges().more()) {
                next = paging.cursor(USERS, new Keyset(userPage.edges().last(), false, false));
                keyset = null;
            } else {
                keyset = Keyset.fromStart();
            }
        } else {
            userTotal = users.search(context, new ResourceQuery(userQuery.where(), null, false, 0, 0), false).total();
        }
        long groupTotal;
        if (keyset == null) {
            groupTotal = groups.search(context, new ResourceQuery(groupQuery.where(), null, false, 0, 0)).total();
        } else {
            GroupPage groupPage = groups.search(context, groupQuery.byKeyset(keyset, count - resources.size()));
            groupPage.groups().forEach(g -> resources.add(groupRepresentation.of(g, groupSelection)));
            groupTotal = groupPage.total();
            if (groupPage.edges().more()) {
                next = paging.cursor(GROUPS, groupPage.edges().last() == null ? Keyset.fromStart()
                        : new Keyset(groupPage.edges().last(), false, false));
            }
        }
        return ListPaging.cursorResponse(json, userTotal + groupTotal, next, null, resources);
    }
}
