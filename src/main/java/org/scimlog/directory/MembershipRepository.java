package org.scimlog.directory;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * SQL for group_member, one row per membership. Every statement works on the rows it names (by primary key
 * or the member index), so its cost follows the size of the change, not of the group. Callers own the
 * transaction.
 */
@Singleton
class MembershipRepository {

    /**
     * The users and groups of the tenant among {@code ids}, in one query. Each found row is key-share locked,
     * so a concurrent delete of that user or group waits for this transaction (and then removes the new
     * membership) or has already happened (and the id is reported unknown).
     */
    Map<UUID, ResolvedMember> resolve(Connection c, UUID tenantId, Collection<UUID> ids) throws SQLException {
        return lookUp(c, tenantId, ids, " FOR KEY SHARE");
    }

    /** The names of users and groups, for events about rows being removed (no lock: they are going anyway). */
    private Map<UUID, ResolvedMember> names(Connection c, UUID tenantId, Collection<UUID> ids) throws SQLException {
        return lookUp(c, tenantId, ids, "");
    }

    private Map<UUID, ResolvedMember> lookUp(Connection c, UUID tenantId, Collection<UUID> ids, String lock)
            throws SQLException {
        Map<UUID, ResolvedMember> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "WITH users AS (SELECT id, user_name, doc->>'displayName' AS display_name FROM scim_user"
                        + " WHERE tenant_id = ? AND id = ANY (?)" + lock + "),"
                        + " groups AS (SELECT id, display_name FROM scim_group WHERE tenant_id = ? AND id = ANY (?)" + lock + ")"
                        + " SELECT id, 'User', user_name, display_name FROM users"
                        + " UNION ALL SELECT id, 'Group', display_name, display_name FROM groups")) {
            Array array = uuids(c, ids);
            ps.setObject(1, tenantId);
            ps.setArray(2, array);
            ps.setObject(3, tenantId);
            ps.setArray(4, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ResolvedMember member = readMember(rs);
                    found.put(member.id(), member);
                }
            }
        }
        return found;
    }

    /**
     * The first of {@code candidates} that is {@code groupId} itself or contains it, directly or through
     * nested groups: making it a member of {@code groupId} would close a cycle.
     */
    Optional<UUID> firstAncestorOrSelf(Connection c, UUID tenantId, UUID groupId, Collection<UUID> candidates)
            throws SQLException {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE up(id) AS (
                    SELECT ?::uuid
                    UNION
                    SELECT m.group_id FROM group_member m JOIN up ON m.tenant_id = ? AND m.member_id = up.id)
                SELECT id FROM up WHERE id = ANY (?) LIMIT 1""")) {
            ps.setObject(1, groupId);
            ps.setObject(2, tenantId);
            ps.setArray(3, uuids(c, candidates));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** Inserts the memberships not there yet, in one statement; returns the ids actually added. */
    List<UUID> insert(Connection c, UUID tenantId, UUID groupId, List<NewMembership> members, Instant now)
            throws SQLException {
        List<UUID> added = new ArrayList<>();
        if (members.isEmpty()) {
            return added;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO group_member (tenant_id, group_id, member_id, member_type, display, added_at)
                SELECT ?, ?, m.id, m.type, m.display, ? FROM unnest(?::uuid[], ?::text[], ?::text[]) AS m(id, type, display)
                ON CONFLICT DO NOTHING
                RETURNING member_id""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, groupId);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setArray(4, uuids(c, members.stream().map(m -> m.member().id()).toList()));
            ps.setArray(5, c.createArrayOf("text", members.stream().map(m -> m.member().type().scimName()).toArray()));
            ps.setArray(6, c.createArrayOf("text", members.stream().map(NewMembership::display).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    added.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return added;
    }

    /**
     * Removes these members of the group; returns the removed ones (absent ids are no error). Each delete
     * names the whole primary key, so it is an index lookup whatever the planner believes about the group's
     * size: "member_id = ANY (?)" under statistics from when the group was small walked all its rows.
     */
    List<ResolvedMember> delete(Connection c, UUID tenantId, UUID groupId, Collection<UUID> memberIds)
            throws SQLException {
        if (memberIds.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = List.copyOf(memberIds);
        List<UUID> removed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM group_member WHERE tenant_id = ? AND group_id = ? AND member_id = ?")) {
            for (UUID id : ids) {
                ps.setObject(1, tenantId);
                ps.setObject(2, groupId);
                ps.setObject(3, id);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    removed.add(ids.get(i));
                }
            }
        }
        Map<UUID, ResolvedMember> named = names(c, tenantId, removed);
        return removed.stream().map(id -> named.getOrDefault(id,
                new ResolvedMember(id, MemberType.USER, id.toString(), null))).toList();
    }

    /** Removes every member of the group but {@code kept}: the delete half of a member-list replacement. */
    List<ResolvedMember> deleteAllExcept(Connection c, UUID tenantId, UUID groupId, Collection<UUID> kept)
            throws SQLException {
        return deleteReturning(c, tenantId, groupId, " AND NOT (member_id = ANY (?))", kept);
    }

    /** Removes every member of the group. */
    List<ResolvedMember> deleteAll(Connection c, UUID tenantId, UUID groupId) throws SQLException {
        return deleteReturning(c, tenantId, groupId, "", null);
    }

    /** Removes {@code memberId} from every group that has it; returns those groups (id, displayName). */
    List<ResolvedMember> deleteEverywhere(Connection c, UUID tenantId, UUID memberId) throws SQLException {
        List<ResolvedMember> groups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH gone AS (DELETE FROM group_member WHERE tenant_id = ? AND member_id = ? RETURNING group_id)
                SELECT g.id, 'Group', g.display_name, g.display_name
                  FROM gone JOIN scim_group g ON g.tenant_id = ? AND g.id = gone.group_id""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, memberId);
            ps.setObject(3, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.add(readMember(rs));
                }
            }
        }
        return groups;
    }

    /**
     * Whether the group has more than {@code limit} members, reading at most {@code limit + 1} index entries
     * (never counting a large group's rows).
     */
    boolean hasMoreThan(Connection c, UUID tenantId, UUID groupId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) > ? FROM (SELECT 1 FROM group_member
                 WHERE tenant_id = ? AND group_id = ? LIMIT ?) AS first_rows""")) {
            ps.setInt(1, limit);
            ps.setObject(2, tenantId);
            ps.setObject(3, groupId);
            ps.setInt(4, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The group's members, streamed row by row in the order they were added. */
    void members(Connection c, UUID tenantId, UUID groupId, Consumer<Member> sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT member_id, member_type, display FROM group_member
                 WHERE tenant_id = ? AND group_id = ? ORDER BY added_at, member_id""")) {
            ps.setFetchSize(5000);
            ps.setObject(1, tenantId);
            ps.setObject(2, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new Member(rs.getObject(1, UUID.class), memberType(rs.getString(2)), rs.getString(3)));
                }
            }
        }
    }

    /**
     * For each of {@code memberIds}, the groups it is in: directly, or indirectly through nested groups.
     * One recursive query for a whole page of users.
     */
    /**
     * The groups of the row {@code alias} of a member table as a select item: what {@link #groupsOf} reads for a
     * page, computed per row inside the page's own statement (a JSON array of [id, displayName, direct] ordered
     * by displayName, or NULL for a member of no group). The first level is an index probe on (tenant_id,
     * member_id), which is all a user in no group costs.
     */
    static String groupsOfRow(String alias) {
        return """
                (SELECT json_agg(json_build_array(g.id, g.display_name, x.direct) ORDER BY lower(g.display_name))::text
                   FROM (WITH RECURSIVE up(group_id, direct) AS (
                             SELECT m.group_id, true FROM group_member m
                              WHERE m.tenant_id = %1$s.tenant_id AND m.member_id = %1$s.id
                             UNION
                             SELECT m.group_id, false
                               FROM group_member m JOIN up ON m.tenant_id = %1$s.tenant_id AND m.member_id = up.group_id)
                         SELECT group_id, bool_or(direct) AS direct FROM up GROUP BY group_id) x
                   JOIN scim_group g ON g.tenant_id = %1$s.tenant_id AND g.id = x.group_id)""".formatted(alias);
    }

    /** Reads a value of {@link #groupsOfRow}. */
    static List<GroupMembership> groupsOfRowValue(JsonNode groups) {
        List<GroupMembership> memberships = new ArrayList<>(groups.size());
        for (JsonNode group : groups) {
            memberships.add(new GroupMembership(UUID.fromString(group.get(0).asText()), group.get(1).asText(),
                    group.get(2).asBoolean()));
        }
        return memberships;
    }

    Map<UUID, List<GroupMembership>> groupsOf(Connection c, UUID tenantId, Collection<UUID> memberIds)
            throws SQLException {
        Map<UUID, List<GroupMembership>> groups = new LinkedHashMap<>();
        if (memberIds.isEmpty()) {
            return groups;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH RECURSIVE up(member_id, group_id, direct) AS (
                    SELECT member_id, group_id, true FROM group_member WHERE tenant_id = ? AND member_id = ANY (?)
                    UNION
                    SELECT up.member_id, m.group_id, false
                      FROM group_member m JOIN up ON m.tenant_id = ? AND m.member_id = up.group_id)
                SELECT up.member_id, g.id, g.display_name, bool_or(up.direct)
                  FROM up JOIN scim_group g ON g.tenant_id = ? AND g.id = up.group_id
                 GROUP BY up.member_id, g.id, g.display_name
                 ORDER BY up.member_id, lower(g.display_name)""")) {
            ps.setObject(1, tenantId);
            ps.setArray(2, uuids(c, memberIds));
            ps.setObject(3, tenantId);
            ps.setObject(4, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new GroupMembership(rs.getObject(2, UUID.class), rs.getString(3), rs.getBoolean(4)));
                }
            }
        }
        return groups;
    }

    /** A membership to insert: the member and the display text to keep with it. */
    record NewMembership(ResolvedMember member, String display) {
    }

    /**
     * Deletes and then looks the removed members' names up by primary key: one statement joining the delete's
     * output to the member tables let the planner guess its size wrong and scan whole tables.
     */
    /** Deletes the group's rows matching {@code condition}, whose one placeholder (if any) takes {@code ids}. */
    private List<ResolvedMember> deleteReturning(Connection c, UUID tenantId, UUID groupId, String condition,
                                                 Collection<UUID> ids) throws SQLException {
        Map<UUID, MemberType> gone = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM group_member"
                + " WHERE tenant_id = ? AND group_id = ?" + condition + " RETURNING member_id, member_type")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, groupId);
            if (ids != null) {
                ps.setArray(3, uuids(c, ids));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gone.put(rs.getObject(1, UUID.class), memberType(rs.getString(2)));
                }
            }
        }
        Map<UUID, ResolvedMember> named = names(c, tenantId, gone.keySet());
        List<ResolvedMember> removed = new ArrayList<>(gone.size());
        gone.forEach((id, type) -> removed.add(named.getOrDefault(id, new ResolvedMember(id, type, id.toString(), null))));
        return removed;
    }

    private static ResolvedMember readMember(ResultSet rs) throws SQLException {
        return new ResolvedMember(rs.getObject(1, UUID.class), memberType(rs.getString(2)), rs.getString(3),
                rs.getString(4));
    }

    private static MemberType memberType(String stored) {
        return MemberType.fromScimName(stored).orElseThrow(() ->
                new IllegalStateException("unknown member_type '" + stored + "'"));
    }

    private static Array uuids(Connection c, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }
}
