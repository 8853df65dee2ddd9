package org.scimlog.schema;

/** RFC 7643 §7 "returned". */
public enum Returned {
    ALWAYS("always"),
    NEVER("never"),
    DEFAULT("default"),
    REQUEST("request");

    private final String scimName;

    Returned(String scimName) {
        this.scimName = scimName;
    }

    public String scimName() {
        return scimName;
    }

    public static Returned fromScimName(String name) {
        for (Returned r : values()) {
            if (r.scimName.equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown returned '" + name + "'");
    }
}
