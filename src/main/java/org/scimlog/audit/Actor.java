package org.scimlog.audit;

/** Who acted (Okta's LogActor): for SCIM requests, the API token and the tenant it belongs to. */
public record Actor(String id, String type, String alternateId, String displayName) {
}
