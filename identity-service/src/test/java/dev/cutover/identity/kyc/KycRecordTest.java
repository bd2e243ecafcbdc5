package dev.cutover.identity.kyc;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A KYC record refuses an expired document, and follows its verification: {@code submitted → pending → verified | rejected}. */
class KycRecordTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    private static final Instant NOW = Instant.parse("2026-11-25T08:30:00Z");

    @Test
    void anExpiredDocumentCannotBeSubmitted() {
        assertThatThrownBy(() -> submitted(TODAY.minusDays(1)))
                .isInstanceOf(KycFacts.DocumentExpired.class)
                .satisfies(e -> assertThat(((KycFacts.DocumentExpired) e).violations()).singleElement()
                        .satisfies(v -> assertThat(v.field()).isEqualTo("expires_on")));
    }

    @Test
    void aDocumentExpiringTodayIsStillValid() {
        assertThat(submitted(TODAY).status()).isEqualTo(KycRecordStatus.SUBMITTED);
    }

    @Test
    void aSubmittedRecordGoesPendingThenVerifiedOrRejected() {
        KycRecord approved = submitted(TODAY.plusYears(1));
        approved.verificationRequested(TODAY);
        assertThat(approved.status()).isEqualTo(KycRecordStatus.PENDING);
        approved.verificationDecided(true);
        assertThat(approved.status()).isEqualTo(KycRecordStatus.VERIFIED);

        KycRecord rejected = submitted(TODAY.plusYears(1));
        rejected.verificationRequested(TODAY);
        rejected.verificationDecided(false);
        assertThat(rejected.status()).isEqualTo(KycRecordStatus.REJECTED);
    }

    @Test
    void onlyASubmittedRecordCanBeVerifiedAndOnlyAPendingOneDecided() {
        KycRecord record = submitted(TODAY.plusYears(1));
        assertThatThrownBy(() -> record.verificationDecided(true)).isInstanceOf(KycFacts.RecordNotVerifiable.class);

        record.verificationRequested(TODAY);
        assertThatThrownBy(() -> record.verificationRequested(TODAY)).isInstanceOf(KycFacts.RecordNotVerifiable.class);

        record.verificationDecided(false);
        assertThatThrownBy(() -> record.verificationRequested(TODAY)).isInstanceOf(KycFacts.RecordNotVerifiable.class);
        assertThatThrownBy(() -> record.verificationDecided(true)).isInstanceOf(KycFacts.RecordNotVerifiable.class);
        assertThat(record.status()).isEqualTo(KycRecordStatus.REJECTED);
    }

    @Test
    void aRecordWhoseDocumentExpiredSinceCannotBeVerified() {
        KycRecord record = submitted(TODAY.plusDays(3));

        assertThatThrownBy(() -> record.verificationRequested(TODAY.plusDays(4)))
                .isInstanceOf(KycFacts.DocumentExpired.class);
        assertThat(record.status()).isEqualTo(KycRecordStatus.SUBMITTED);
    }

    @Test
    void anErasedRecordKeepsItsStatusButCannotBeVerified() {
        KycRecord record = submitted(TODAY.plusYears(1));

        assertThat(record.erasePersonalData(NOW)).isTrue();
        assertThat(record.erasePersonalData(NOW)).isFalse();

        assertThat(record.documentNumberMasked()).isNull();
        assertThat(record.documentNumberEnc()).isNull();
        assertThat(record.status()).isEqualTo(KycRecordStatus.SUBMITTED);
        assertThatThrownBy(() -> record.verificationRequested(TODAY)).isInstanceOf(KycFacts.RecordNotVerifiable.class);
    }

    private static KycRecord submitted(LocalDate expiresOn) {
        return KycRecord.submit("kyc_test", "usr_test", DocumentType.PASSPORT, new byte[]{1}, "*****1234", "GB",
                expiresOn, TODAY, NOW);
    }
}
