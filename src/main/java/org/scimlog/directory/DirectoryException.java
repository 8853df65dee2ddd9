package org.scimlog.directory;

/** A write the directory refuses for a reason the client can act on. */
public abstract sealed class DirectoryException extends RuntimeException
        permits DirectoryException.NotFound, DirectoryException.Conflict, DirectoryException.VersionMismatch,
        DirectoryException.InvalidReference, DirectoryException.Contention {

    private DirectoryException(String message) {
        super(message, null, false, false);
    }

    public static final class NotFound extends DirectoryException {
        public NotFound(String resource, Object id) {
            super(resource + " '" + id + "' not found.");
        }
    }

    /** A uniqueness rule (e.g. userName per tenant) would be broken. */
    public static final class Conflict extends DirectoryException {
        public Conflict(String message) {
            super(message);
        }
    }

    public static final class VersionMismatch extends DirectoryException {
        public VersionMismatch(long current) {
            super("The resource has changed: its current version is W/\"" + current + "\".");
        }
    }

    /** A value names something that may not be referenced there: an unknown member, a cycle of groups. */
    public static final class InvalidReference extends DirectoryException {
        public InvalidReference(String message) {
            super(message);
        }
    }

    /** PostgreSQL kept aborting the write (deadlocks, serialization failures) however often it was retried. */
    public static final class Contention extends DirectoryException {
        public Contention() {
            super("The write conflicted with concurrent writes to the same resources several times; retry it.");
        }
    }
}
