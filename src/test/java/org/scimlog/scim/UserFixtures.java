package org.scimlog.scim;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies shaped like the ones Okta's provisioning engine sends. */
final class UserFixtures {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private UserFixtures() {
    }

    static String uniqueUserName(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Okta's create body, including the placeholder password and the read-only groups it always sends. */
    static Map<String, Object> oktaUser(String userName, String given, String family) {
        return Map.of(
                "schemas", List.of(USER),
                "userName", userName,
                "name", Map.of("givenName", given, "familyName", family),
                "emails", List.of(Map.of("primary", true, "value", userName, "type", "work")),
                "displayName", given + " " + family,
                "locale", "en-US",
                "externalId", "00u" + UUID.randomUUID().toString().replace("-", "").substring(0, 17),
                "groups", List.of(),
                "password", "1mz050nq",
                "active", true);
    }

    static Map<String, Object> patch(Map<String, Object>... operations) {
        return Map.of("schemas", List.of(PATCH_OP), "Operations", List.of(operations));
    }
}
