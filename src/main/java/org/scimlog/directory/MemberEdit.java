package org.scimlog.directory;

import java.util.List;
import java.util.Set;

/**
 * One change to a group's member list, as PATCH operations ask for it. Each becomes row inserts or
 * deletes; none needs the current member list in memory.
 */
public sealed interface MemberEdit {

    /** Adds the members not yet in the group; existing ones are left as they are. */
    record Add(List<MemberReference> members) implements MemberEdit {
        public Add {
            members = List.copyOf(members);
        }
    }

    /** Removes the members with these ids; ids not in the group are ignored. */
    record Remove(Set<String> values) implements MemberEdit {
        public Remove {
            values = Set.copyOf(values);
        }
    }

    /** Removes every member. */
    record RemoveAll() implements MemberEdit {
    }

    /** Makes the member list exactly this one: deletes the others, inserts the missing. */
    record Replace(List<MemberReference> members) implements MemberEdit {
        public Replace {
            members = List.copyOf(members);
        }
    }
}
