package org.scimlog.directory;

import java.util.Optional;
import org.scimlog.schema.SchemaRegistry;

/**
 * What a group member is; the names are SCIM's ("type" of a member, which RFC 7643 §4.2 gives as the resource
 * type's name), the schema registry's type ids and group_member.member_type's.
 */
public enum MemberType {
    USER(SchemaRegistry.USER_RESOURCE), GROUP(SchemaRegistry.GROUP_RESOURCE);

    private final String scimName;

    MemberType(String scimName) {
        this.scimName = scimName;
    }

    public String scimName() {
        return scimName;
    }

    public static Optional<MemberType> fromScimName(String name) {
        for (MemberType type : values()) {
            if (type.scimName.equalsIgnoreCase(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
