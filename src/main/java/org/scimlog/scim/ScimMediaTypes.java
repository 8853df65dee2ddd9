package org.scimlog.scim;

import io.micronaut.http.MediaType;

/** The media types RFC 7644 §3.1 speaks of. */
public final class ScimMediaTypes {

    public static final String SCIM_JSON = "application/scim+json";
    public static final MediaType SCIM_JSON_TYPE = MediaType.of(SCIM_JSON + ";charset=utf-8");

    private ScimMediaTypes() {
    }

    /** Requests may be sent as application/scim+json or application/json (or without a type at all). */
    public static boolean acceptedRequestType(MediaType type) {
        if (type == null) {
            return true;
        }
        String name = type.getName();
        return name.equalsIgnoreCase(SCIM_JSON) || name.equalsIgnoreCase(MediaType.APPLICATION_JSON);
    }
}
