package org.scimlog.directory;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.scimlog.filter.Dialect;
import org.scimlog.schema.SchemaRegistry;
import org.scimlog.support.FilterShapes;

/** A user or group filter's SQL depends on the filter's shape only, never on the values it compares with. */
class FilterStatementProperties {

    private static final SchemaRegistry SCHEMAS = new SchemaRegistry(null);
    private static final ResourceSqlFields USERS = new AbsentAttributesMatchNothing(new UserSqlFields(SCHEMAS));
    private static final ResourceSqlFields GROUPS = new AbsentAttributesMatchNothing(new GroupSqlFields(SCHEMAS));

    @Property
    void userFilters(@ForAll("userShapes") String shape, @ForAll("values") List<String> first, @ForAll("values") List<String> second) {
        FilterShapes.assertSameStatement(shape, first, second, Dialect.SCIM, USERS);
    }

    @Property
    void groupFilters(@ForAll("groupShapes") String shape, @ForAll("values") List<String> first, @ForAll("values") List<String> second) {
        FilterShapes.assertSameStatement(shape, first, second, Dialect.SCIM, GROUPS);
    }

    @Provide
    Arbitrary<String> userShapes() {
        return FilterShapes.shapes(List.of("userName", "name.givenName", "name.familyName", "emails.value", "emails.type",
                "title", "externalId", "displayName", "nickName", "id", "active", "meta.lastModified", "meta.resourceType",
                "emails[type eq \"work\"].value", "groups.value", "phoneNumbers.value", "addresses.postalCode",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"));
    }

    @Provide
    Arbitrary<String> groupShapes() {
        return FilterShapes.shapes(List.of("displayName", "externalId", "id", "members.value", "members.type",
                "members", "meta.created", "meta.resourceType"));
    }

    @Provide
    Arbitrary<List<String>> values() {
        return FilterShapes.values();
    }
}
