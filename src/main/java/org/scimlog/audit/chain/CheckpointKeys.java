package org.scimlog.audit.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Ed25519 keys of checkpoints, with the JDK's own implementation. Keys are read and written as PEM (PKCS#8
 * private, X.509 public), the form {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}
 * produce; a bare base64 body (an environment variable) is read too.
 */
public final class CheckpointKeys {

    private static final String ALGORITHM = "Ed25519";

    private CheckpointKeys() {
    }

    public static PrivateKey privateKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pemOrBase64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // never the key text itself in the message
            throw new IllegalArgumentException("not an Ed25519 private key in PKCS#8 (PEM or base64)");
        }
    }

    public static PublicKey publicKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pemOrBase64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in X.509 SubjectPublicKeyInfo (PEM or base64)");
        }
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is missing from this JVM", e);
        }
    }

    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** Writes a new key pair, the private key readable by its owner only; returns it. */
    public static KeyPair generateInto(Path privateKeyFile, Path publicKeyFile) throws IOException {
        KeyPair pair = generate();
        Files.createDirectories(privateKeyFile.toAbsolutePath().getParent());
        Files.deleteIfExists(privateKeyFile);
        try {
            Files.createFile(privateKeyFile, PosixFilePermissions.asFileAttribute(Set.of(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException e) {
            Files.createFile(privateKeyFile);
        }
        Files.writeString(privateKeyFile, pem(pair.getPrivate()));
        Files.writeString(publicKeyFile, pem(pair.getPublic()));
        return pair;
    }

    public static byte[] sign(PrivateKey key, byte[] text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(text);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with Ed25519", e);
        }
    }

    public static boolean verifies(PublicKey key, Checkpoint checkpoint) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(checkpoint.signedText());
            return signature.verify(checkpoint.signature());
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature is a refused one
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String text) {
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
