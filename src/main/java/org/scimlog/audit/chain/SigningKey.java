package org.scimlog.audit.chain;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint signing key, from {@code scimlog.log.checkpoint.signing-key} (PEM or base64 PKCS#8, e.g. from a
 * secret in an environment variable) or {@code scimlog.log.checkpoint.signing-key-file}. Without either, no
 * checkpoint is signed and a warning says so at start; a key that cannot be read stops the start, since running
 * on unsigned would look like running signed. The key is never printed nor stored.
 */
@Singleton
public class SigningKey {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);

    private final PrivateKey key;

    public SigningKey(@Nullable @Value("${scimlog.log.checkpoint.signing-key:}") String inline,
                      @Nullable @Value("${scimlog.log.checkpoint.signing-key-file:}") String file) {
        if (inline != null && !inline.isBlank()) {
            key = CheckpointKeys.privateKey(inline);
        } else if (file != null && !file.isBlank()) {
            try {
                key = CheckpointKeys.privateKey(Files.readString(Path.of(file)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read scimlog.log.checkpoint.signing-key-file ("
                        + e.getClass().getSimpleName() + ")");
            }
        } else {
            key = null;
            LOG.warn("no checkpoint signing key (scimlog.log.checkpoint.signing-key or -file): the hash chain is "
                    + "not signed, and a database superuser could rewrite it unnoticed");
        }
    }

    public boolean configured() {
        return key != null;
    }

    byte[] sign(byte[] text) {
        return CheckpointKeys.sign(key, text);
    }
}
