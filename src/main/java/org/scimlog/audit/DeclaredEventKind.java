package org.scimlog.audit;

/** An event kind that is not in the built-in catalog: one of a resource type declared in configuration. */
public record DeclaredEventKind(String id, String severity, String displayMessage, String description) implements EventKind {
}
