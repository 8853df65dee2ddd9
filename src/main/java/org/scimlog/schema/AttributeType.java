package org.scimlog.schema;

/** RFC 7643 §2.3 data types, with the names the Schemas endpoint publishes. */
public enum AttributeType {
    STRING("string"),
    BOOLEAN("boolean"),
    DECIMAL("decimal"),
    INTEGER("integer"),
    DATE_TIME("dateTime"),
    BINARY("binary"),
    REFERENCE("reference"),
    COMPLEX("complex");

    private final String scimName;

    AttributeType(String scimName) {
        this.scimName = scimName;
    }

    public String scimName() {
        return scimName;
    }

    public static AttributeType fromScimName(String name) {
        for (AttributeType type : values()) {
            if (type.scimName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown SCIM attribute type '" + name + "'");
    }
}
