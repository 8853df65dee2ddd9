package org.scimlog.directory;

/** A write the directory refuses for a reason the client can act on. */
public abstract sealed class DirectoryException extends RuntimeException
        permits DirectoryException.NotFound, DirectoryException.Conflict, DirectoryException.VersionMismatch {

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
}
