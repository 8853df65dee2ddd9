package org.scimlog.audit;

/**
 * The event catalog. Okta's names where the meaning matches (its {@code system.} namespace for what the
 * service itself decided, such as retention); reads and rejected requests, which Okta does not log for SCIM
 * apps, use our own names under the {@value #OWN_PREFIX} prefix.
 */
public enum EventType implements EventKind {
    USER_CREATE("user.lifecycle.create", "INFO", "Create user", "A user was created."),
    USER_ACTIVATE("user.lifecycle.activate", "INFO", "Activate user", "A user's active attribute became true."),
    USER_DEACTIVATE("user.lifecycle.deactivate", "INFO", "Deactivate user", "A user's active attribute became false."),
    USER_DELETE("user.lifecycle.delete.completed", "INFO", "Delete user completed", "A user was deleted."),
    USER_UPDATE_PROFILE("user.account.update_profile", "INFO", "Update user profile",
            "Attributes of a user changed; debugData.changedAttributes names them, target changeDetails hold from/to values."),
    USER_UPDATE_PASSWORD("user.account.update_password", "INFO", "Update user password",
            "A password was set for a user; the value is never recorded."),
    GROUP_CREATE("group.lifecycle.create", "INFO", "Create group", "A group was created."),
    GROUP_DELETE("group.lifecycle.delete", "INFO", "Delete group", "A group was deleted."),
    GROUP_UPDATE("group.profile.update", "INFO", "Update group profile", "A group's attributes (not its members) changed."),
    GROUP_MEMBER_ADD("group.user_membership.add", "INFO", "Add member to group", "One member was added to a group."),
    GROUP_MEMBER_REMOVE("group.user_membership.remove", "INFO", "Remove member from group", "One member was removed from a group."),
    SCIM_READ("scimlog.scim.read", "DEBUG", "Read SCIM resource", "A resource was read by id (Okta reads users before updating them)."),
    SCIM_SEARCH("scimlog.scim.search", "DEBUG", "Search SCIM resources",
            "A list or filter query (Okta's imports and 'Test API Credentials'); debugData holds the filter and the result count."),
    SCIM_REJECTED("scimlog.scim.request.rejected", "WARN", "SCIM request rejected",
            "A SCIM request was refused (validation, uniqueness, not found, precondition, ...); outcome.reason holds status, scimType and detail."),
    RETENTION_HELD("system.log.retention.held", "WARN", "System Log retention held",
            "A day of this tenant's System Log is past retention but kept, because the Kafka relay or the hash-chain sealer "
                    + "has not passed all of its events; debugData says which readers and how many events. Once per day per hold."),
    RETENTION_FORCED("system.log.retention.forced", "ERROR", "System Log retention forced",
            "A held day reached the retention hard limit and was dropped anyway; debugData counts this tenant's events "
                    + "that were lost before reaching Kafka (unstreamedEvents) or the hash chain (unsealedEvents)."),
    CREDENTIAL_REJECTED("scimlog.credential.rejected", "WARN", "Credential rejected",
            "A presented credential was refused (unknown token, wrong password, expired or badly signed JWT, revoked, "
                    + "disabled tenant, missing scope); outcome.reason says why. In the tenant's log when the credential "
                    + "names one, else in the operators' log. The secret is never recorded."),
    API_TOKEN_CREATE("system.api_token.create", "INFO", "Create API token",
            "An operator issued a credential (bearer token, Basic password or trusted JWT issuer); target: the credential."),
    API_TOKEN_REVOKE("system.api_token.revoke", "INFO", "Revoke API token",
            "An operator revoked a credential, or rotating it replaced it; target: the credential."),
    API_TOKEN_UPDATE("system.api_token.update", "INFO", "Update API token",
            "An operator set or cleared a credential's expiry; debugData.expiresAt."),
    OAUTH_CONSENT_GRANT("app.oauth2.as.consent.grant", "INFO", "User granted consent to app",
            "A tenant's admin signed in on scimlog's authorize page and allowed an OAuth client (Okta's \"OAuth 2\" mode); "
                    + "actor: the Basic credential that signed in; target: the client; debugData.scopes."),
    OAUTH_TOKEN_REVOKE("app.oauth2.as.token.revoke", "INFO", "OAuth2 token revocation request",
            "An OAuth client revoked a token (RFC 7009): every access and refresh token of its grant ended; target: the client."),
    TENANT_CREATE("scimlog.tenant.lifecycle.create", "INFO", "Create tenant", "An operator created a tenant."),
    TENANT_DEACTIVATE("scimlog.tenant.lifecycle.deactivate", "WARN", "Disable tenant",
            "An operator disabled the tenant: every credential of it gets 401 until it is enabled again."),
    TENANT_ACTIVATE("scimlog.tenant.lifecycle.activate", "INFO", "Enable tenant", "An operator enabled the tenant again.");

    public static final String OWN_PREFIX = "scimlog.";

    private final String id;
    private final String severity;
    private final String displayMessage;
    private final String description;

    EventType(String id, String severity, String displayMessage, String description) {
        this.id = id;
        this.severity = severity;
        this.displayMessage = displayMessage;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String severity() {
        return severity;
    }

    @Override
    public String displayMessage() {
        return displayMessage;
    }

    @Override
    public String description() {
        return description;
    }
}
