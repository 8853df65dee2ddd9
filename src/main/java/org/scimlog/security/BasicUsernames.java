package org.scimlog.security;

/**
 * A Basic credential's username is {@code <credential name>@<tenant name>}: unique because a live name is
 * unique per tenant, and it tells the operator reading Okta's settings which tenant it belongs to.
 */
final class BasicUsernames {

    private BasicUsernames() {
    }

    static String of(String credentialName, String tenantName) {
        return credentialName + "@" + tenantName;
    }
}
