package org.scimlog.scim;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * How many members a group answer may carry when the client did not choose (no {@code attributes} or
 * {@code excludedAttributes}): Okta and Entra ID never choose, and a one-member change to a 100,000-member
 * group must not cost a read and a transfer of 100,000 members. See README, "Group answers at scale".
 */
@Singleton
public class GroupResponseSettings {

    private final int patchMaxMembers;

    public GroupResponseSettings(@Value("${scimlog.scim.groups.patch-response-max-members:100}") int patchMaxMembers) {
        if (patchMaxMembers < 0) {
            throw new IllegalStateException("scimlog.scim.groups.patch-response-max-members must be >= 0");
        }
        this.patchMaxMembers = patchMaxMembers;
    }

    /** A PATCH of a group with more members than this (before the change) answers 204 No Content. */
    public int patchMaxMembers() {
        return patchMaxMembers;
    }
}
