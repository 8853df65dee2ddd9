package org.scimlog.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * hash = SHA-256(previous hash || event body). The body is PostgreSQL's text form of the stored jsonb,
 * which is canonical (keys sorted, whitespace fixed), so the same event always hashes the same.
 */
public final class EventHash {

    public static final byte[] GENESIS = new byte[32];

    private EventHash() {
    }

    public static byte[] next(byte[] previous, String canonicalBody) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous);
            digest.update(canonicalBody.getBytes(StandardCharsets.UTF_8));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
