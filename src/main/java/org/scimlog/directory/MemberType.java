package org.scimlog.directory;

import java.util.Optional;

/** What a group member is; the names are SCIM's ("type" of a member) and group_member.member_type's. */
public enum MemberType {
    USER("User", "/Users"), GROUP("Group", "/Groups");

    private final String scimName;
    private final String endpoint;

    MemberType(String scimName, String endpoint) {
        this.scimName = scimName;
        this.endpoint = endpoint;
    }

    public String scimName() {
        return scimName;
    }

    /** Where such a resource lives, for members' $ref. */
    public String endpoint() {
        return endpoint;
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
