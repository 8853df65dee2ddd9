package org.scimlog.scim;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.scimlog.directory.Keyset;

/**
 * Opens the paging of one list request: startIndex paging as RFC 7644 has it, or RFC 9865 cursor paging
 * (see {@link ListPaging}). A cursor is checked here, before any query runs.
 */
@Singleton
public class CursorPaging {

    private final CursorCodec codec;

    public CursorPaging(CursorCodec codec) {
        this.codec = codec;
    }

    /** {@code endpoint} names the list (e.g. "Users"): a cursor of one list is refused by every other. */
    public ListPaging open(ListRequest list, UUID tenantId, String endpoint) {
        if (!list.cursorPaging()) {
            return new ListPaging(list, codec, null, 0, null);
        }
        byte[] query = queryDigest(list, tenantId, endpoint);
        if (list.cursor().isEmpty()) {
            return new ListPaging(list, codec, query, 0, Keyset.fromStart());
        }
        CursorCodec.Opened opened = codec.open(list.cursor(), query);
        return new ListPaging(list, codec, query, opened.segment(), opened.keyset());
    }

    /** What a cursor's list was asked for, digested: the filter text stays out of the cursor. */
    static byte[] queryDigest(ListRequest list, UUID tenantId, String endpoint) {
        String query = String.join("\u0000", endpoint, tenantId.toString(),
                list.filter() == null ? "" : list.filter().strip(),
                list.sortBy() == null ? "" : list.sortBy().strip().toLowerCase(Locale.ROOT),
                list.descending() ? "descending" : "ascending");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, CursorCodec.QUERY_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
