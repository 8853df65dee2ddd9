package org.scimlog.audit;

/**
 * What an event's type says about it: its {@code eventType} id, severity and message. The built-in catalog is
 * {@link EventType}; resource types declared in configuration bring kinds of their own ({@link DeclaredEventKind}).
 */
public interface EventKind {

    String id();

    String severity();

    String displayMessage();

    String description();
}
