package org.scimlog.security;

import java.security.SecureRandom;

/** Client ids of OAuth registrations: public, but unguessable, so a client id alone reveals no tenant. */
final class OAuthClientIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private OAuthClientIds() {
    }

    static String newClientId() {
        StringBuilder id = new StringBuilder("scimlog-");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
