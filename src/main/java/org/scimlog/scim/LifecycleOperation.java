package org.scimlog.scim;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What a SCIM request was, in the words of Okta's provisioning lifecycle, for the {@code operation} label of
 * {@code scimlog_scim_requests_seconds}. A write is named by the events it committed, so a PATCH that sets
 * {@code active: false} is a {@code deactivate} and a PUT that only renames is an {@code update}, whatever the
 * HTTP method; a request that committed no event (refused, or a change that changed nothing) is named by what
 * it asked for. Every write to a group is {@code group_push}, Okta's name for pushing a group and its members.
 */
public enum LifecycleOperation {
    CREATE, UPDATE, DEACTIVATE, REACTIVATE, DELETE, GROUP_PUSH, IMPORT, READ, BULK, DISCOVERY;

    /** The label value: lower case, as Prometheus labels are spelled. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The strongest of a write's event types decides: creating beats deleting beats (de)activating beats updating. */
    private static final List<LifecycleOperation> PRECEDENCE = List.of(CREATE, DELETE, DEACTIVATE, REACTIVATE, UPDATE);

    /**
     * @param route where the request went
     * @param method the HTTP method
     * @param eventTypes the System Log event types the request committed (in any order)
     */
    public static LifecycleOperation of(ScimRoute route, String method, Collection<String> eventTypes) {
        if (ScimRoute.BULK.equals(route.resourceType())) {
            return BULK;
        }
        if (ScimRoute.DISCOVERY.equals(route.resourceType())) {
            return DISCOVERY;
        }
        if (method.equals("GET") || method.equals("HEAD") || route.search()) {
            return route.byId() ? READ : IMPORT;
        }
        if (ScimRoute.GROUP.equals(route.resourceType())) {
            return GROUP_PUSH;
        }
        LifecycleOperation strongest = null;
        for (String type : eventTypes) {
            LifecycleOperation named = ofEventType(type);
            if (named != null && (strongest == null || PRECEDENCE.indexOf(named) < PRECEDENCE.indexOf(strongest))) {
                strongest = named;
            }
        }
        if (strongest != null) {
            return strongest;
        }
        return switch (method) {
            case "POST" -> route.byId() ? UPDATE : CREATE;
            case "DELETE" -> DELETE;
            default -> UPDATE;
        };
    }

    /** The lifecycle step an event type records; null for events that name none (reads, refusals). */
    static LifecycleOperation ofEventType(String eventType) {
        if (eventType.endsWith(".lifecycle.create")) {
            return CREATE;
        }
        if (eventType.endsWith(".lifecycle.deactivate")) {
            return DEACTIVATE;
        }
        if (eventType.endsWith(".lifecycle.activate")) {
            return REACTIVATE;
        }
        if (eventType.contains(".lifecycle.delete")) {
            return DELETE;
        }
        if (eventType.contains(".update") || eventType.contains("_membership.")) {
            return UPDATE;
        }
        return null;
    }
}
