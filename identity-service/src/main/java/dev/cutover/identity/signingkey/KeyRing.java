package dev.cutover.identity.signingkey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.cutover.contracts.auth.TokenClaims;
import dev.cutover.identity.audit.AuditTrail;
import dev.cutover.identity.crypto.MasterKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The keys this replica signs with and verifies against, read from {@code signing_keys} (shared by every
 * replica) and kept for {@code cache-ttl}. Exactly one key signs; after a rotation the retired key stays
 * published until every token it signed has expired: access-token lifetime, plus the cache time during
 * which other replicas may still sign with it, plus clock skew (ADR 0023).
 */
@Component
public class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    /** A token with a kid this replica has not seen triggers a reload, at most this often. */
    private static final Duration RELOAD_ON_UNKNOWN_KID = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKeys store;
    private final MasterKey masterKey;
    private final AuditTrail audit;
    private final Clock clock;
    private final SigningKeyProperties properties;
    private final TransactionTemplate transactions;

    private volatile Snapshot snapshot;

    KeyRing(SigningKeys store, MasterKey masterKey, AuditTrail audit, Clock clock, SigningKeyProperties properties,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.masterKey = masterKey;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    private record Snapshot(RSAKey active, JWKSet published, Instant loadedAt) {
    }

    /** What a rotation did. */
    public record Rotation(String kid, String previousKid, Instant activatedAt) {
    }

    /** The key to sign with now, private half included; created on first use if the store has none. */
    public RSAKey signingKey() {
        return current().active();
    }

    /** The public keys verifiers must know: the signing key and those retired within the publication window. */
    public JWKSet publishedKeys() {
        return current().published();
    }

    /** How long a retired key stays published. */
    public Duration publicationWindow() {
        return TokenClaims.ACCESS_TOKEN_TTL.plus(properties.cacheTtl()).plus(properties.clockSkew());
    }

    /**
     * The published keys as a Nimbus key source for this service's own token verification. A kid not in
     * the cached set (another replica rotated a moment ago) reloads the set before giving up.
     */
    public JWKSource<SecurityContext> verificationKeys() {
        return (selector, context) -> {
            List<JWK> found = selector.select(publishedKeys());
            if (found.isEmpty()) {
                Snapshot current = snapshot;
                if (current == null || current.loadedAt().plus(RELOAD_ON_UNKNOWN_KID).isBefore(clock.instant())) {
                    found = selector.select(reload().published());
                }
            }
            return found;
        };
    }

    /** Makes a new key the signing key and retires the current one, across all replicas at once. */
    public Rotation rotate(String actor) {
        Rotation rotation = rotateIf(actor, active -> true)
                .orElseThrow(() -> new IllegalStateException("rotation was refused"));
        log.info("Signing key {} now signs; {} retired by {}", rotation.kid(), rotation.previousKid(), actor);
        return rotation;
    }

    /** Rotates when the signing key is older than {@code rotate-every}; one replica wins, the others see it done. */
    void rotateIfDue() {
        if (properties.rotateEvery().isZero()) {
            return;
        }
        Optional<StoredKey> active = store.active();
        if (active.isEmpty() || !isDue(active.get())) {
            return;
        }
        rotateIf("system", current -> current.map(this::isDue).orElse(false)).ifPresent(rotation ->
                log.info("Signing key {} now signs; {} retired on schedule", rotation.kid(), rotation.previousKid()));
    }

    /** Forgets the cached keys; the next use reads them again. */
    public void evict() {
        snapshot = null;
    }

    private boolean isDue(StoredKey key) {
        return !key.activatedAt().plus(properties.rotateEvery()).isAfter(clock.instant());
    }

    private Optional<Rotation> rotateIf(String actor, Predicate<Optional<StoredKey>> stillWanted) {
        RSAKey fresh = generate();
        Rotation rotation = transactions.execute(status -> {
            store.lockForChange();
            Optional<StoredKey> current = store.active();
            if (!stillWanted.test(current)) {
                return null;
            }
            Instant now = clock.instant();
            current.ifPresent(key -> store.retire(key.kid(), now));
            insert(fresh, now);
            String previous = current.map(StoredKey::kid).orElse(null);
            audit.record(actor, "signing_key.rotated", fresh.getKeyID(),
                    previous == null ? Map.of() : Map.of("previous_kid", previous));
            return new Rotation(fresh.getKeyID(), previous, now);
        });
        evict();
        return Optional.ofNullable(rotation);
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null || !current.loadedAt().plus(properties.cacheTtl()).isAfter(clock.instant())) {
            current = reload();
        }
        return current;
    }

    private synchronized Snapshot reload() {
        Instant now = clock.instant();
        StoredKey active = store.active().orElseGet(this::createFirstKey);
        List<JWK> published = store.publishedSince(now.minus(publicationWindow())).stream()
                .map(key -> (JWK) parsePublic(key.publicJwk()))
                .toList();
        Snapshot loaded = new Snapshot(unseal(active), new JWKSet(published), now);
        snapshot = loaded;
        return loaded;
    }

    private StoredKey createFirstKey() {
        RSAKey fresh = generate();
        return transactions.execute(status -> {
            store.lockForChange();
            return store.active().orElseGet(() -> {
                insert(fresh, clock.instant());
                audit.record("system", "signing_key.created", fresh.getKeyID());
                log.info("Signing key {} created", fresh.getKeyID());
                return store.active().orElseThrow();
            });
        });
    }

    private void insert(RSAKey key, Instant activatedAt) {
        try {
            byte[] sealed = masterKey.seal(key.toRSAPrivateKey().getEncoded(), associatedData(key.getKeyID()));
            store.insert(key.getKeyID(), key.toPublicJWK().toJSONString(), sealed, masterKey.id(), activatedAt);
        } catch (JOSEException unusable) {
            throw new IllegalStateException("a generated signing key has no private half", unusable);
        }
    }

    private RSAKey generate() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String kid = "sig-" + clock.instant().getEpochSecond() + "-" + HexFormat.of().formatHex(random);
        try {
            return new RSAKeyGenerator(properties.rsaKeySize())
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException impossible) {
            throw new IllegalStateException("RSA key generation failed", impossible);
        }
    }

    private RSAKey unseal(StoredKey stored) {
        byte[] pkcs8 = masterKey.open(stored.privateKeyEnc(), associatedData(stored.kid()));
        try {
            RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new RSAKey.Builder(parsePublic(stored.publicJwk())).privateKey(privateKey).build();
        } catch (GeneralSecurityException corrupt) {
            throw new IllegalStateException("signing key " + stored.kid() + " does not decode", corrupt);
        }
    }

    private static RSAKey parsePublic(String json) {
        try {
            return RSAKey.parse(json);
        } catch (ParseException corrupt) {
            throw new IllegalStateException("a stored public signing key does not parse", corrupt);
        }
    }

    private static String associatedData(String kid) {
        return "cutover.identity|signing_keys|" + kid;
    }
}
