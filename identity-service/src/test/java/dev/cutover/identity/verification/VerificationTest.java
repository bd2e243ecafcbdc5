package dev.cutover.identity.verification;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code pending → approved | rejected}, once; every other transition is refused. */
class VerificationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:30:00Z");

    @ParameterizedTest
    @EnumSource(Decision.class)
    void aPendingVerificationIsDecidedOnce(Decision decision) {
        Verification verification = pending();

        verification.decide(decision, "checked", "ops-console", NOW.plusSeconds(60));

        assertThat(verification.status()).isEqualTo(decision.outcome());
        assertThat(verification.decidedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(verification.reason()).isEqualTo("checked");
    }

    @ParameterizedTest(name = "{0} then {1}")
    @org.junit.jupiter.params.provider.CsvSource({"APPROVED,APPROVED", "APPROVED,REJECTED", "REJECTED,APPROVED", "REJECTED,REJECTED"})
    void aDecidedVerificationCannotBeDecidedAgain(Decision first, Decision second) {
        Verification verification = pending();
        verification.decide(first, "first", "ops-console", NOW);

        assertThatThrownBy(() -> verification.decide(second, "second", "ops-console", NOW.plusSeconds(1)))
                .isInstanceOf(VerificationAlreadyDecided.class)
                .hasMessageContaining(first.outcome().wire());
        assertThat(verification.status()).isEqualTo(first.outcome());
        assertThat(verification.reason()).isEqualTo("first");
    }

    private static Verification pending() {
        Verification verification = Verification.request("ver_test", "kyc_test", "usr_test", NOW);
        assertThat(verification.status()).isEqualTo(VerificationStatus.PENDING);
        assertThat(verification.decidedAt()).isNull();
        return verification;
    }
}
