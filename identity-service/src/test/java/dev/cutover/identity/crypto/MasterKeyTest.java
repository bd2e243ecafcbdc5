package dev.cutover.identity.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Identity refuses to start without a proper master key, and says why without repeating the value. */
class MasterKeyTest {

    private static final String VALID = Base64.getEncoder().encodeToString(new byte[32]);

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aMissingKeyIsRefusedNamingTheVariable(String value) {
        assertThatThrownBy(() -> MasterKey.fromBase64(value))
                .isInstanceOf(MasterKey.Unusable.class)
                .hasMessageContaining("IDENTITY_MASTER_KEY")
                .hasMessageContaining("not set")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aValueThatIsNotBase64IsRefusedWithoutBeingRepeated() {
        String secretLooking = "not*base64*but*secret*looking*value";

        assertThatThrownBy(() -> MasterKey.fromBase64(secretLooking))
                .hasMessageContaining("IDENTITY_MASTER_KEY")
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining(secretLooking);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 31, 33, 64})
    void aKeyOfTheWrongLengthIsRefused(int bytes) {
        String encoded = Base64.getEncoder().encodeToString(new byte[bytes]);

        assertThatThrownBy(() -> MasterKey.fromBase64(encoded))
                .hasMessageContaining("decodes to " + bytes + " bytes")
                .hasMessageContaining("exactly 32")
                .hasMessageNotContaining(encoded);
    }

    @Test
    void theStartupReportSaysWhatToDo() {
        MasterKey.Unusable missing = (MasterKey.Unusable) org.assertj.core.api.Assertions.catchThrowable(() -> MasterKey.fromBase64(""));

        var analysis = new MasterKeyFailureAnalyzer().analyze(new RuntimeException("bean creation failed", missing));

        assertThat(analysis.getDescription()).contains("IDENTITY_MASTER_KEY").contains("not set");
        assertThat(analysis.getAction()).contains("openssl rand -base64 32").contains("'local' profile");
    }

    @Test
    void aValidKeyHasAStableIdThatRevealsNothingOfIt() {
        MasterKey key = MasterKey.fromBase64(VALID);

        assertThat(key.id()).isEqualTo(MasterKey.fromBase64(VALID).id()).startsWith("mk-");
        assertThat(key.toString()).doesNotContain(VALID);
        assertThat(MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[31 + 1]) + "\n").id()).isEqualTo(key.id());
    }

    @Test
    void derivedSecretsDifferPerPurposeAndKey() {
        MasterKey key = MasterKey.fromBase64(VALID);
        byte[] other = new byte[32];
        other[0] = 1;

        assertThat(key.derive("fingerprints")).hasSize(32).isNotEqualTo(key.derive("login-throttle"));
        assertThat(key.derive("fingerprints")).isNotEqualTo(MasterKey.fromBase64(Base64.getEncoder().encodeToString(other)).derive("fingerprints"));
    }

    @Test
    void whatTheMasterKeySealsOnlyItOpens() {
        MasterKey key = MasterKey.fromBase64(VALID);
        byte[] other = new byte[32];
        other[31] = 7;
        byte[] sealed = key.seal("data key".getBytes(), "cutover.identity|data_keys|usr_1");

        assertThat(key.open(sealed, "cutover.identity|data_keys|usr_1")).isEqualTo("data key".getBytes());
        assertThatThrownBy(() -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(other)).open(sealed, "cutover.identity|data_keys|usr_1"))
                .isInstanceOf(AesGcm.CannotDecrypt.class);
    }
}
