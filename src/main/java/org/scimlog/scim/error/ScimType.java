package org.scimlog.scim.error;

/** The "scimType" error keywords of RFC 7644 §3.12 and RFC 9865 §2.1. */
public enum ScimType {
    INVALID_FILTER("invalidFilter"),
    TOO_MANY("tooMany"),
    UNIQUENESS("uniqueness"),
    MUTABILITY("mutability"),
    INVALID_SYNTAX("invalidSyntax"),
    INVALID_PATH("invalidPath"),
    NO_TARGET("noTarget"),
    INVALID_VALUE("invalidValue"),
    INVALID_VERS("invalidVers"),
    SENSITIVE("sensitive"),
    // RFC 9865 §2.1: cursor paging
    INVALID_CURSOR("invalidCursor"),
    EXPIRED_CURSOR("expiredCursor"),
    INVALID_COUNT("invalidCount");

    private final String keyword;

    ScimType(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
