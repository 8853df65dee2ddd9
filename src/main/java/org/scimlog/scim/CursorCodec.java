package org.scimlog.scim;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.scimlog.directory.Keyset;
import org.scimlog.directory.KeysetPosition;
import org.scimlog.scim.error.ScimException;
import org.scimlog.scim.error.ScimType;

/**
 * RFC 9865 cursors: opaque to clients, tamper-evident, bound to the query they were issued for, and
 * expiring. A cursor is base64url (only URL-unreserved characters, as §2 asks) of
 * <pre>
 *   version(1) segment(1) flags(1) issuedAt(8, epoch seconds) query(16)
 *   [id(16) createdAt(4+n, UTF-8) sortValue(4+n, UTF-8; length -1 when null)]   when flags has POSITION
 *   tag(16) = HMAC-SHA256(secret, everything before it), truncated
 * </pre>
 * {@code query} is a digest of what the cursor's list was asked for (endpoint, tenant, filter, sortBy, sortOrder),
 * so a cursor replayed with another filter or order is refused, and the filter text itself is not in the cursor.
 * Checks run in this order: the tag (anything garbled or forged is invalidCursor), the query (invalidCursor),
 * the age (expiredCursor).
 */
@Singleton
public class CursorCodec {

    private static final byte VERSION = 1;
    private static final int TAG_BYTES = 16;
    static final int QUERY_BYTES = 16;
    /** Far above any cursor this server writes for a sort value that fits a URL; refused before decoding. */
    private static final int MAX_CHARS = 8192;
    private static final int BACKWARD = 1;
    private static final int INCLUSIVE = 2;
    private static final int POSITION = 4;
    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final long lifetimeSeconds;

    public CursorCodec(CursorSettings settings) {
        this.key = new SecretKeySpec(settings.secret(), MAC);
        this.lifetimeSeconds = settings.lifetime().toSeconds();
    }

    /** What a cursor carries once its tag, query and age have been checked. */
    public record Opened(int segment, Keyset keyset) {
    }

    public String seal(int segment, Keyset keyset, byte[] query) {
        return seal(segment, keyset, query, Instant.now());
    }

    /** A cursor issued at {@code issuedAt}; tests use it to make one that has expired. */
    public String seal(int segment, Keyset keyset, byte[] query, Instant issuedAt) {
        if (query.length != QUERY_BYTES || segment < 0 || segment > 127) {
            throw new IllegalArgumentException("query digest of " + QUERY_BYTES + " bytes and a small segment expected");
        }
        KeysetPosition position = keyset.position();
        byte[] createdAt = position == null ? new byte[0] : position.createdAt().getBytes(StandardCharsets.UTF_8);
        byte[] sortValue = position == null || position.sortValue() == null ? null
                : position.sortValue().getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(3 + 8 + QUERY_BYTES
                + (position == null ? 0 : 16 + 4 + createdAt.length + 4 + (sortValue == null ? 0 : sortValue.length)));
        body.put(VERSION).put((byte) segment)
                .put((byte) ((keyset.backward() ? BACKWARD : 0) | (keyset.inclusive() ? INCLUSIVE : 0) | (position == null ? 0 : POSITION)))
                .putLong(issuedAt.getEpochSecond()).put(query);
        if (position != null) {
            body.putLong(position.id().getMostSignificantBits()).putLong(position.id().getLeastSignificantBits());
            body.putInt(createdAt.length).put(createdAt);
            body.putInt(sortValue == null ? -1 : sortValue.length);
            if (sortValue != null) {
                body.put(sortValue);
            }
        }
        byte[] bytes = body.array();
        byte[] sealed = Arrays.copyOf(bytes, bytes.length + TAG_BYTES);
        System.arraycopy(tag(bytes, bytes.length), 0, sealed, bytes.length, TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /** The cursor's segment and keyset, or a SCIM 400 (invalidCursor, expiredCursor) saying why not. */
    public Opened open(String cursor, byte[] query) {
        byte[] bytes = decode(cursor);
        int signed = bytes.length - TAG_BYTES;
        if (signed < 3 + 8 + QUERY_BYTES
                || !MessageDigest.isEqual(tag(bytes, signed), Arrays.copyOfRange(bytes, signed, bytes.length))) {
            throw invalid("The cursor is not one this server issued (it may have been altered or cut short).");
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, 0, signed);
        try {
            if (body.get() != VERSION) {
                throw invalid("The cursor is from another version of this server; start again without one.");
            }
            int segment = body.get();
            int flags = body.get();
            long issuedAt = body.getLong();
            byte[] issuedFor = new byte[QUERY_BYTES];
            body.get(issuedFor);
            if (!MessageDigest.isEqual(issuedFor, query)) {
                throw invalid("The cursor was issued for another query: send the same filter, sortBy and sortOrder "
                        + "as the request that returned it, or start again without a cursor.");
            }
            long age = Instant.now().getEpochSecond() - issuedAt;
            if (age > lifetimeSeconds) {
                throw ScimException.badRequest(ScimType.EXPIRED_CURSOR, "The cursor has expired: cursors are valid for "
                        + lifetimeSeconds + " seconds (cursorTimeout). Start again without a cursor.");
            }
            KeysetPosition position = null;
            if ((flags & POSITION) != 0) {
                UUID id = new UUID(body.getLong(), body.getLong());
                String createdAt = text(body, body.getInt());
                int sortLength = body.getInt();
                position = new KeysetPosition(sortLength == -1 ? null : text(body, sortLength), createdAt, id);
            }
            if (body.hasRemaining() || segment < 0) {
                throw invalid("The cursor is not one this server issued.");
            }
            return new Opened(segment, new Keyset(position, (flags & BACKWARD) != 0, (flags & INCLUSIVE) != 0));
        } catch (BufferUnderflowException | IllegalArgumentException | CharacterCodingException e) {
            throw invalid("The cursor is not one this server issued.");
        }
    }

    private static byte[] decode(@Nullable String cursor) {
        if (cursor == null || cursor.length() > MAX_CHARS) {
            throw invalid("The cursor is not one this server issued.");
        }
        try {
            return Base64.getUrlDecoder().decode(cursor.trim());
        } catch (IllegalArgumentException e) {
            throw invalid("The cursor is not one this server issued (it is not base64url).");
        }
    }

    private static String text(ByteBuffer body, int length) throws CharacterCodingException {
        if (length < 0 || length > body.remaining()) {
            throw new IllegalArgumentException("length out of range");
        }
        ByteBuffer slice = body.slice();
        slice.limit(length);
        body.position(body.position() + length);
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
    }

    private byte[] tag(byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            mac.update(bytes, 0, length);
            return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static ScimException invalid(String detail) {
        return ScimException.badRequest(ScimType.INVALID_CURSOR, detail);
    }
}
