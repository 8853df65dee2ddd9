package org.scimlog.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Basic-auth passwords: made by scimlog (256 random bits), stored as BCrypt (salted, cost 10). The passwords'
 * entropy alone would defeat guessing; the slow hash is there so that a copy of the table is worth nothing
 * even for passwords an operator might one day choose. Verifying costs tens of milliseconds, which is why a
 * verified password is cached for {@code scimlog.security.token-cache-seconds}.
 */
final class PasswordHashes {

    static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Verified against when the username is unknown, so a miss costs what a wrong password costs. */
    private static final String DECOY = BCrypt.hashpw("decoy", BCrypt.gensalt(COST, RANDOM));

    private PasswordHashes() {
    }

    static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String password) {
        return BCrypt.hashpw(password.getBytes(StandardCharsets.UTF_8), BCrypt.gensalt(COST, RANDOM));
    }

    static boolean matches(String password, String hash) {
        // BCrypt reads at most 72 bytes; a longer candidate can only be a guess
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 72 && BCrypt.checkpw(bytes, hash);
    }

    static void spendAsMuchAsAMatch(String password) {
        matches(password.length() > 72 ? password.substring(0, 72) : password, DECOY);
    }
}
