package dev.cutover.identity.crypto;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealed values open with exactly their key and associated data, and with nothing else. */
class AesGcmProperties {

    private static final SecretKey KEY = AesGcm.newKey();

    @Property(tries = 300)
    void whatIsSealedOpensWithTheSameKeyAndAssociatedData(@ForAll @Size(max = 300) byte[] plaintext, @ForAll String aad) {
        assertThat(AesGcm.open(KEY, AesGcm.seal(KEY, plaintext, aad), aad)).isEqualTo(plaintext);
    }

    @Property(tries = 300)
    void anotherKeyOpensNothing(@ForAll("text") String plaintext) {
        byte[] sealed = AesGcm.seal(KEY, bytes(plaintext), "users.full_name|usr_1|usr_1");

        assertThatThrownBy(() -> AesGcm.open(AesGcm.newKey(), sealed, "users.full_name|usr_1|usr_1"))
                .isInstanceOf(AesGcm.CannotDecrypt.class);
    }

    @Property(tries = 300)
    void aCiphertextMovedToAnotherRowOrColumnDoesNotOpen(@ForAll("text") String plaintext, @ForAll("text") String otherAad) {
        String aad = "users.full_name|usr_1|usr_1";
        byte[] sealed = AesGcm.seal(KEY, bytes(plaintext), aad);

        if (!otherAad.equals(aad)) {
            assertThatThrownBy(() -> AesGcm.open(KEY, sealed, otherAad)).isInstanceOf(AesGcm.CannotDecrypt.class);
        }
    }

    @Property(tries = 300)
    void anyFlippedBitIsDetected(@ForAll("text") String plaintext, @ForAll @IntRange(min = 0, max = 10_000) int position) {
        byte[] sealed = AesGcm.seal(KEY, bytes(plaintext), "aad");
        int bit = position % (sealed.length * 8);
        sealed[bit / 8] ^= (byte) (1 << (bit % 8));

        assertThatThrownBy(() -> AesGcm.open(KEY, sealed, "aad")).isInstanceOf(AesGcm.CannotDecrypt.class);
    }

    @Property(tries = 300)
    void theSamePlaintextNeverSealsTheSameWayTwice(@ForAll("text") String plaintext) {
        assertThat(AesGcm.seal(KEY, bytes(plaintext), "aad")).isNotEqualTo(AesGcm.seal(KEY, bytes(plaintext), "aad"));
    }

    @Property(tries = 300)
    void theCiphertextDoesNotContainThePlaintext(@ForAll("text") String plaintext) {
        String sealed = new String(AesGcm.seal(KEY, bytes(plaintext), "aad"), StandardCharsets.ISO_8859_1);

        if (plaintext.length() >= 4) {
            assertThat(sealed).doesNotContain(plaintext);
        }
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().ofMinLength(0).ofMaxLength(80);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
