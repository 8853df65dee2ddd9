package org.scimlog.filter;

import java.util.Objects;

/** Entry point: filter text and PATCH paths to immutable ASTs. Thread-safe; holds no state. */
public final class FilterParser {

    /** Bounds the work a single request can cause; real filters are far shorter. */
    static final int MAX_LENGTH = 10_000;

    private FilterParser() {
    }

    public static Filter parse(String text, Dialect dialect) throws FilterException {
        Objects.requireNonNull(dialect, "dialect");
        requireUsableText(text);
        return FilterGrammar.filter(text, dialect);
    }

    /**
     * PATCH path (RFC 7644 §3.5.2 PATH = attrPath / valuePath [subAttr]): "members", "name.familyName",
     * "emails[type eq \"work\"].value", "members[value eq \"x\"]",
     * "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
     * "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"
     */
    public static PatchPath parsePatchPath(String text) throws FilterException {
        requireUsableText(text);
        return FilterGrammar.patchPath(text);
    }

    private static void requireUsableText(String text) {
        if (text == null) {
            throw new FilterException("expected a filter at position 0 but found nothing", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new FilterException("filter is longer than the " + MAX_LENGTH
                    + " characters allowed; the excess starts at position " + MAX_LENGTH, MAX_LENGTH);
        }
    }
}
