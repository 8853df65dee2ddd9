package org.scimlog.schema;

/** RFC 7643 §7 "mutability". */
public enum Mutability {
    READ_ONLY("readOnly"),
    READ_WRITE("readWrite"),
    IMMUTABLE("immutable"),
    WRITE_ONLY("writeOnly");

    private final String scimName;

    Mutability(String scimName) {
        this.scimName = scimName;
    }

    public String scimName() {
        return scimName;
    }

    public static Mutability fromScimName(String name) {
        for (Mutability m : values()) {
            if (m.scimName.equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mutability '" + name + "'");
    }
}
