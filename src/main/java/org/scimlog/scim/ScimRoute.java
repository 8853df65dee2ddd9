package org.scimlog.scim;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Where under {@code /scim/v2} a request went, in bounded terms for metric labels: the resource type's name
 * ({@code User}, {@code Group}, a declared type's), {@code Bulk}, {@code discovery}, {@code root} (the root
 * {@code /.search}) or {@code other}; whether the path named one resource; whether it was a {@code .search}.
 * Never the id itself.
 */
public record ScimRoute(String resourceType, boolean byId, boolean search) {

    public static final String BULK = "Bulk";
    public static final String DISCOVERY = "discovery";
    public static final String ROOT = "root";
    public static final String OTHER = "other";
    public static final String GROUP = "Group";

    private static final Set<String> DISCOVERY_ENDPOINTS = Set.of("ServiceProviderConfig", "Schemas", "ResourceTypes");

    static ScimRoute of(String path, ResourceHandlers handlers) {
        String rest = path.startsWith(ResourceLocations.SCIM_PATH) ? path.substring(ResourceLocations.SCIM_PATH.length()) : "";
        List<String> segments = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
        if (segments.isEmpty()) {
            return new ScimRoute(OTHER, false, false);
        }
        String first = segments.get(0);
        boolean search = segments.size() > 1 && segments.get(1).equals(".search");
        boolean byId = segments.size() > 1 && !search;
        if (first.equals(".search")) {
            return new ScimRoute(ROOT, false, true);
        }
        if (first.equals("Bulk")) {
            return new ScimRoute(BULK, false, false);
        }
        if (DISCOVERY_ENDPOINTS.contains(first)) {
            return new ScimRoute(DISCOVERY, byId, false);
        }
        String type = handlers.atEndpoint("/" + first).map(h -> h.type().name()).orElse(OTHER);
        return new ScimRoute(type, byId, search);
    }
}
