package org.scimlog.security;

import java.security.MessageDigest;
import java.util.List;

/** An OAuth client registration's own part: its id, where codes may be sent, and the digest of its secret. */
record OAuthClient(String clientId, List<String> redirectUris, byte[] secretDigest) {

    OAuthClient {
        redirectUris = List.copyOf(redirectUris);
    }

    /** Compares digests in constant time, so timing does not tell how much of a guessed secret was right. */
    boolean secretMatches(String presented) {
        return MessageDigest.isEqual(secretDigest, TokenSecrets.digest(presented));
    }
}
