package org.scimlog.directory;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.scimlog.filter.AttributePath;
import org.scimlog.filter.Filter;
import org.scimlog.filter.FilterException;
import org.scimlog.filter.FilterSql;
import org.scimlog.filter.FilterValue;
import org.scimlog.filter.Operator;
import org.scimlog.filter.SqlComparison;
import org.scimlog.filter.SqlFieldResolver;
import org.scimlog.filter.SqlFragment;
import org.scimlog.filter.ValueKind;
import org.scimlog.schema.SchemaRegistry;

/**
 * Group filters over scim_group (alias {@code g}). displayName and externalId have columns (and indexes);
 * members are rows of group_member, so member filters become EXISTS over those rows: {@code members.value eq}
 * is served by the (tenant_id, member_id) index ("which groups contain this user").
 */
@Singleton
public class GroupSqlFields extends DocumentSqlFields {

    private static final String MEMBERS = "members";
    private static final SqlFieldResolver MEMBER_ROW = new MemberRowFields();

    private final String coreSchema;

    public GroupSqlFields(SchemaRegistry registry) {
        super(registry.group(), "g", Map.of(
                "id", SqlColumn.uuid("g.id"),
                "displayname", SqlColumn.of("g.display_name", ValueKind.TEXT, false),
                "externalid", SqlColumn.of("g.external_id", ValueKind.TEXT, true),
                "meta.created", SqlColumn.of("g.created_at", ValueKind.DATE_TIME, false),
                "meta.lastmodified", SqlColumn.of("g.last_modified", ValueKind.DATE_TIME, false),
                "meta.resourcetype", SqlColumn.of("'Group'::text", ValueKind.TEXT, false)));
        this.coreSchema = registry.group().schema().id();
    }

    @Override
    public Optional<String> sortExpression(AttributePath path) {
        return isMembers(path) ? Optional.empty() : super.sortExpression(path);
    }

    @Override
    public SqlFragment comparison(AttributePath path, Operator operator, FilterValue value) {
        if (!isMembers(path)) {
            return super.comparison(path, operator, value);
        }
        AttributePath element = AttributePath.of(path.subAttribute() == null ? "value" : path.subAttribute());
        return anyMember(MEMBER_ROW.comparison(element, operator, value));
    }

    @Override
    public SqlFragment present(AttributePath path) {
        if (!isMembers(path)) {
            return super.present(path);
        }
        return path.subAttribute() == null ? anyMember(SqlFragment.of("TRUE"))
                : anyMember(MEMBER_ROW.present(AttributePath.of(path.subAttribute())));
    }

    @Override
    public SqlFragment valuePath(AttributePath path, Filter inner) {
        if (!isMembers(path)) {
            return super.valuePath(path, inner);
        }
        if (path.subAttribute() != null) {
            throw new FilterException("'" + path.dotted() + "' is not a multi-valued complex attribute");
        }
        return anyMember(FilterSql.toSql(inner, MEMBER_ROW));
    }

    private boolean isMembers(AttributePath path) {
        return path.attribute().equalsIgnoreCase(MEMBERS)
                && (path.schemaUrn() == null || path.schemaUrn().equalsIgnoreCase(coreSchema));
    }

    private static SqlFragment anyMember(SqlFragment condition) {
        return new SqlFragment("EXISTS (SELECT 1 FROM group_member m WHERE m.tenant_id = g.tenant_id"
                + " AND m.group_id = g.id AND " + condition.sql() + ")", condition.parameters());
    }

    /** A member's sub-attributes as group_member columns (alias m). */
    private static final class MemberRowFields implements SqlFieldResolver {

        @Override
        public SqlFragment comparison(AttributePath path, Operator operator, FilterValue value) {
            return column(path).compare(operator, value);
        }

        @Override
        public SqlFragment present(AttributePath path) {
            return SqlComparison.present(column(path).expression());
        }

        @Override
        public SqlFragment valuePath(AttributePath path, Filter inner) {
            throw new FilterException("value filters cannot be nested");
        }

        private static SqlColumn column(AttributePath path) {
            if (path.schemaUrn() != null || path.names().size() != 1) {
                throw new FilterException("'" + path.dotted() + "' is not a sub-attribute of 'members'");
            }
            return switch (path.attribute().toLowerCase()) {
                case "value" -> SqlColumn.uuid("m.member_id");
                case "display" -> SqlColumn.of("m.display", ValueKind.TEXT, false);
                case "type" -> SqlColumn.of("m.member_type", ValueKind.TEXT, false);
                case "$ref" -> throw new FilterException("'members.$ref' is not filterable; filter on 'members.value'");
                default -> throw new FilterException("unknown sub-attribute 'members." + path.attribute() + "'");
            };
        }
    }
}
