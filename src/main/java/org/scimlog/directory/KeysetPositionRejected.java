package org.scimlog.directory;

/**
 * A keyset position PostgreSQL cannot read as the sort key's type. Only a forged cursor carries one (the
 * server writes positions as PostgreSQL printed them), so it is the client's error, never the server's.
 */
public final class KeysetPositionRejected extends RuntimeException {

    public KeysetPositionRejected() {
        super("the position does not fit the sort key", null, false, false);
    }
}
