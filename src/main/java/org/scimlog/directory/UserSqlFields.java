package org.scimlog.directory;

import jakarta.inject.Singleton;
import java.util.Map;
import org.scimlog.filter.ValueKind;
import org.scimlog.schema.SchemaRegistry;

/**
 * User filters over scim_user (alias {@code u}). userName, externalId, active and the meta times have
 * columns of their own, so their indexes serve filters; everything else is read from the jsonb document.
 */
@Singleton
public class UserSqlFields extends DocumentSqlFields {

    public UserSqlFields(SchemaRegistry registry) {
        super(registry.user(), "u", Map.of(
                "id", SqlColumn.uuid("u.id"),
                "username", SqlColumn.of("u.user_name", ValueKind.TEXT, false),
                "externalid", SqlColumn.of("u.external_id", ValueKind.TEXT, true),
                "active", SqlColumn.of("u.active", ValueKind.BOOLEAN, false),
                "meta.created", SqlColumn.of("u.created_at", ValueKind.DATE_TIME, false),
                "meta.lastmodified", SqlColumn.of("u.last_modified", ValueKind.DATE_TIME, false),
                "meta.resourcetype", SqlColumn.of("'User'::text", ValueKind.TEXT, false)));
    }
}
