package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The operation label is what the request committed, in Okta's words; the URL decides only when nothing was. */
class LifecycleOperationTest {

    private static final ScimRoute USER = new ScimRoute("User", true, false);
    private static final ScimRoute USERS = new ScimRoute("User", false, false);

    @Test
    void aPatchIsNamedByTheEventsItCommitted() {
        assertEquals(LifecycleOperation.DEACTIVATE, LifecycleOperation.of(USER, "PATCH",
                List.of("user.account.update_profile", "user.lifecycle.deactivate")));
        assertEquals(LifecycleOperation.REACTIVATE, LifecycleOperation.of(USER, "PUT", List.of("user.lifecycle.activate")));
        assertEquals(LifecycleOperation.UPDATE, LifecycleOperation.of(USER, "PUT", List.of("user.account.update_password")));
    }

    @Test
    void aUserDeleteThatAlsoLeftGroupsIsADelete() {
        assertEquals(LifecycleOperation.DELETE, LifecycleOperation.of(USER, "DELETE",
                List.of("group.user_membership.remove", "user.lifecycle.delete.completed")));
    }

    @Test
    void withoutEventsTheRequestNamesWhatItAskedFor() {
        assertEquals(LifecycleOperation.CREATE, LifecycleOperation.of(USERS, "POST", List.of("scimlog.scim.request.rejected")));
        assertEquals(LifecycleOperation.UPDATE, LifecycleOperation.of(USER, "PATCH", List.of()));
        assertEquals(LifecycleOperation.DELETE, LifecycleOperation.of(USER, "DELETE", List.of()));
        assertEquals(LifecycleOperation.READ, LifecycleOperation.of(USER, "GET", List.of()));
        assertEquals(LifecycleOperation.IMPORT, LifecycleOperation.of(USERS, "GET", List.of()));
        assertEquals(LifecycleOperation.IMPORT, LifecycleOperation.of(new ScimRoute("User", false, true), "POST", List.of()));
    }

    @Test
    void everyGroupWriteIsGroupPushAndDeclaredTypesUseTheirEvents() {
        ScimRoute group = new ScimRoute("Group", true, false);
        assertEquals(LifecycleOperation.GROUP_PUSH, LifecycleOperation.of(group, "PATCH", List.of("group.user_membership.add")));
        assertEquals(LifecycleOperation.GROUP_PUSH, LifecycleOperation.of(new ScimRoute("Group", false, false), "POST", List.of()));
        assertEquals(LifecycleOperation.IMPORT, LifecycleOperation.of(new ScimRoute("Group", false, false), "GET", List.of()));
        assertEquals(LifecycleOperation.CREATE, LifecycleOperation.of(new ScimRoute("Device", false, false), "POST",
                List.of("scimlog.device.lifecycle.create")));
        assertEquals("group_push", LifecycleOperation.GROUP_PUSH.label());
    }
}
