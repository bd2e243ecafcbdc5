package dev.cutover.identity.signingkey;

import com.nimbusds.jose.jwk.JWKSet;
import dev.cutover.identity.crypto.AesGcm;
import dev.cutover.identity.crypto.MasterKey;
import dev.cutover.identity.support.IdentityClient;
import dev.cutover.identity.support.IdentityClient.SignedUp;
import dev.cutover.identity.support.IdentityIntegrationTest;
import dev.cutover.identity.support.JwksVerifier;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Instant;

import static dev.cutover.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signing keys rotate without downtime: the new key signs at once, the old one stays published until the
 * tokens it signed have expired, and only then disappears from the JWKS.
 */
@IdentityIntegrationTest
class KeyRotationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KeyRing keyRing;

    @Autowired
    MasterKey masterKey;

    IdentityClient identity;

    @BeforeEach
    void connect() {
        identity = new IdentityClient(port);
    }

    @Test
    void tokensOfTheOldKeyVerifyAfterARotationAndNewTokensUseTheNewKid() throws Exception {
        SignedUp user = identity.newUser();
        String oldToken = user.accessToken();
        String oldKid = JwksVerifier.kidOf(oldToken);

        Response rotation = identity.asOps().post("/internal/v1/signing-keys/rotation");

        assertThat(rotation.statusCode()).isEqualTo(200);
        String newKid = rotation.jsonPath().getString("kid");
        assertThat(rotation.jsonPath().getString("previous_kid")).isEqualTo(oldKid);
        assertThat(newKid).isNotEqualTo(oldKid);
        JWKSet published = JwksVerifier.fetchJwks(identity);
        assertThat(published.getKeys()).extracting(k -> k.getKeyID()).contains(oldKid, newKid);

        assertThat(JwksVerifier.verify(identity, oldToken).getSubject()).as("old token, plain Nimbus").isEqualTo(user.id());
        assertThat(identity.as(oldToken).get("/api/v1/users/me").statusCode()).as("old token, identity itself").isEqualTo(200);

        String newToken = identity.passwordGrant(user.email(), user.password()).then().statusCode(200).extract().path("access_token");
        assertThat(JwksVerifier.kidOf(newToken)).isEqualTo(newKid);
        assertThat(JwksVerifier.verify(identity, newToken).getSubject()).isEqualTo(user.id());
        String opsToken = identity.opsToken();
        assertThat(JwksVerifier.kidOf(opsToken)).isEqualTo(newKid);
    }

    @Test
    void aRetiredKeyLeavesTheJwksOnceItsTokensHaveExpired() throws Exception {
        SignedUp user = identity.newUser();
        String oldKid = JwksVerifier.kidOf(user.accessToken());
        identity.asOps().post("/internal/v1/signing-keys/rotation").then().statusCode(200);

        // Let the publication window (15 min of token life + cache + clock skew) pass for the retired key.
        Instant longAgo = Instant.now().minus(keyRing.publicationWindow()).minusSeconds(1);
        jdbc.sql("UPDATE signing_keys SET activated_at = :at, retired_at = :at WHERE kid = :kid")
                .param("at", Timestamp.from(longAgo)).param("kid", oldKid).update();
        keyRing.evict();

        assertThat(JwksVerifier.fetchJwks(identity).getKeyByKeyId(oldKid)).isNull();
        assertThatThrownBy(() -> JwksVerifier.verify(identity, user.accessToken())).isInstanceOf(Exception.class);
        assertProblem(identity.as(user.accessToken()).get("/api/v1/users/me"), 401, "unauthorized", null);
    }

    @Test
    void privateKeysAreStoredEncryptedAndDestroyedOnRetirement() throws Exception {
        String previous = keyRing.signingKey().getKeyID();
        identity.asOps().post("/internal/v1/signing-keys/rotation").then().statusCode(200);
        String active = keyRing.signingKey().getKeyID();

        byte[] sealed = jdbc.sql("SELECT private_key_enc FROM signing_keys WHERE kid = :kid")
                .param("kid", active).query(byte[].class).single();
        assertThatThrownBy(() -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(sealed)))
                .as("not a plain PKCS#8 key").isInstanceOf(Exception.class);
        byte[] opened = masterKey.open(sealed, "cutover.identity|signing_keys|" + active);
        assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(opened))).isNotNull();
        assertThatThrownBy(() -> AesGcm.open(AesGcm.newKey(), sealed, "cutover.identity|signing_keys|" + active))
                .isInstanceOf(AesGcm.CannotDecrypt.class);

        assertThat(jdbc.sql("SELECT count(*) FROM signing_keys WHERE kid = :kid AND private_key_enc IS NULL AND retired_at IS NOT NULL")
                .param("kid", previous).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM signing_keys WHERE retired_at IS NULL").query(Long.class).single())
                .as("exactly one key signs").isEqualTo(1);
    }

    @Test
    void onlyOpsMayRotate() {
        SignedUp user = identity.newUser();

        assertProblem(identity.as(user.accessToken()).post("/internal/v1/signing-keys/rotation"), 403, "forbidden", null);
        assertProblem(identity.asService().post("/internal/v1/signing-keys/rotation"), 403, "forbidden", null);
        assertProblem(identity.anonymous().post("/internal/v1/signing-keys/rotation"), 401, "unauthorized", null);
    }

    @Test
    void aScheduledRotationReplacesAnOverdueKeyOnce() {
        String before = keyRing.signingKey().getKeyID();
        jdbc.sql("UPDATE signing_keys SET activated_at = :at WHERE kid = :kid")
                .param("at", Timestamp.from(Instant.now().minus(java.time.Duration.ofDays(31)))).param("kid", before).update();

        keyRing.rotateIfDue();
        String after = keyRing.signingKey().getKeyID();
        keyRing.rotateIfDue();

        assertThat(after).isNotEqualTo(before);
        assertThat(keyRing.signingKey().getKeyID()).as("the fresh key is not due").isEqualTo(after);
    }
}
