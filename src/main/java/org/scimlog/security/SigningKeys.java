package org.scimlog.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.jwt.endpoints.JwkProvider;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.rsa.RSASignature;
import io.micronaut.security.token.jwt.signature.rsa.RSASignatureGenerator;
import io.micronaut.security.token.jwt.signature.rsa.RSASignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.validator.JwtValidator;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA keys scimlog signs its access tokens with (RS256, micronaut-security-jwt's {@link RSASignatureGenerator},
 * {@code kid} in every header). Configured as a JWK set file with private keys
 * ({@code scimlog.oauth.signing-keys-file}: the first key signs, all verify, so a new key can be put first while
 * tokens of the old one run out); without one, a key is generated once and kept in the database for development
 * (every instance on that database shares it, and restarts keep issued tokens valid).
 */
@Singleton
public class SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    /** Serialises the first start of several instances on one empty database, so they agree on one key. */
    private static final long KEY_LOCK = 0x5C1_0A07L;

    private final List<RSAKey> keys;
    private final RSASignatureGenerator signer;
    private final JwtValidator<HttpRequest<?>> validator;

    public SigningKeys(OAuthSettings settings, TransactionOperations<Connection> transactions) {
        this.keys = settings.signingKeysFile().isBlank() ? fromDatabase(transactions) : fromFile(Path.of(settings.signingKeysFile()));
        RSAKey first = keys.get(0);
        this.signer = new RSASignatureGenerator(new Generator(first));
        List<SignatureConfiguration> verifiers = new ArrayList<>();
        for (RSAKey key : keys) {
            verifiers.add(new RSASignature(() -> publicKey(key)));
        }
        this.validator = JwtValidator.builder().withSignatures(verifiers).build();
    }

    SignedJWT sign(JWTClaimsSet claims) {
        try {
            return signer.sign(claims);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
    }

    boolean verified(SignedJWT token, HttpRequest<?> request) {
        String kid = token.getHeader().getKeyID();
        return kid != null && keys.stream().anyMatch(k -> kid.equals(k.getKeyID()))
                && validator.validate(token, request).isPresent();
    }

    /** The public keys as a JWK set document (RFC 7517), what {@code /oauth2/v1/keys} serves. */
    public String publicJwks() {
        return new JWKSet(new ArrayList<JWK>(keys)).toString(true);
    }

    private static RSAPublicKey publicKey(RSAKey key) {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing key " + key.getKeyID() + " has no usable public part", e);
        }
    }

    /**
     * Writes a JWK set for {@code scimlog.oauth.signing-keys-file}: a new private key first (it signs from the next
     * start on), then the keys the file held (they keep verifying the tokens they signed until those run out).
     * Returns the new key's kid.
     */
    public static String addNewKeyTo(Path file) throws IOException {
        List<JWK> keys = new ArrayList<>();
        RSAKey generated;
        try {
            generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an RSA key", e);
        }
        keys.add(generated);
        if (Files.exists(file)) {
            keys.addAll(fromFile(file));
        }
        Files.writeString(file, new JWKSet(keys).toString(false));
        return generated.getKeyID();
    }

    private static List<RSAKey> fromFile(Path file) {
        JWKSet set;
        try {
            set = JWKSet.parse(Files.readString(file));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("scimlog.oauth.signing-keys-file: cannot read a JWK set from " + file
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        List<RSAKey> keys = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate() || rsa.getKeyID() == null) {
                throw new IllegalStateException("scimlog.oauth.signing-keys-file: every key must be a private RSA key with a kid");
            }
            keys.add(rsa);
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("scimlog.oauth.signing-keys-file: the JWK set holds no key");
        }
        return keys;
    }

    private static List<RSAKey> fromDatabase(TransactionOperations<Connection> transactions) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, KEY_LOCK);
                lock.execute();
            }
            List<RSAKey> stored = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT jwk FROM oauth_signing_key ORDER BY created_at DESC, kid");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(RSAKey.parse(rs.getString(1)));
                }
            }
            if (!stored.isEmpty()) {
                return stored;
            }
            RSAKey generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO oauth_signing_key (kid, jwk) VALUES (?, ?)")) {
                ps.setString(1, generated.getKeyID());
                ps.setString(2, generated.toJSONString());
                ps.executeUpdate();
            }
            LOG.warn("OAuth access tokens are signed with a key generated and kept in the database (development); "
                    + "configure scimlog.oauth.signing-keys-file in production");
            return List.of(generated);
        });
    }

    /** The signing side as micronaut-security-jwt wants it; being a {@link JwkProvider} puts the kid in the header. */
    private record Generator(RSAKey key) implements RSASignatureGeneratorConfiguration, JwkProvider {
        @Override
        public RSAPrivateKey getPrivateKey() {
            try {
                return key.toRSAPrivateKey();
            } catch (JOSEException e) {
                throw new IllegalStateException("signing key " + key.getKeyID() + " has no usable private part", e);
            }
        }

        @Override
        public JWSAlgorithm getJwsAlgorithm() {
            return JWSAlgorithm.RS256;
        }

        @Override
        public RSAPublicKey getPublicKey() {
            return publicKey(key);
        }

        @Override
        public List<JWK> retrieveJsonWebKeys() {
            return List.of(key.toPublicJWK());
        }
    }
}
