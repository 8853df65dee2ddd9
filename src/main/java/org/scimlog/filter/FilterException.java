package org.scimlog.filter;

/**
 * A filter that cannot be parsed or translated. Always this type, so the HTTP layer can map it to a
 * SCIM 400 "invalidFilter" without catching anything broader.
 */
public final class FilterException extends RuntimeException {

    /** Used when the problem is not tied to a place in the text (e.g. a resolver's type mismatch). */
    public static final int NO_POSITION = -1;

    private final int position;

    public FilterException(String message, int position) {
        super(message);
        this.position = position;
    }

    public FilterException(String message) {
        this(message, NO_POSITION);
    }

    /** 0-based char index where parsing failed, or {@link #NO_POSITION}. */
    public int position() {
        return position;
    }
}
