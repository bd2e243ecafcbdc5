package dev.cutover.identity.user;

import dev.cutover.kit.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user aggregate owns its KYC status: {@code unverified → pending → verified | rejected}, {@code rejected → pending}. */
class UserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:30:00Z");

    @Test
    void aNewUserIsUnverified() {
        assertThat(newUser().kycStatus()).isEqualTo(KycStatus.UNVERIFIED);
    }

    @Test
    void theHappyPathGoesFromUnverifiedThroughPendingToVerified() {
        User user = newUser();

        user.verificationRequested();
        assertThat(user.kycStatus()).isEqualTo(KycStatus.PENDING);
        user.verificationDecided(true);
        assertThat(user.kycStatus()).isEqualTo(KycStatus.VERIFIED);
    }

    @Test
    void aRejectedUserMayAskAgainAndIsPendingOnceMore() {
        User user = in(KycStatus.REJECTED);

        user.verificationRequested();

        assertThat(user.kycStatus()).isEqualTo(KycStatus.PENDING);
    }

    @ParameterizedTest
    @EnumSource(value = KycStatus.class, names = {"PENDING", "VERIFIED"})
    void noNewVerificationWhileOneIsPendingOrAfterSuccess(KycStatus status) {
        User user = in(status);

        assertThatThrownBy(user::verificationRequested)
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).code().code()).isEqualTo("invalid_state_transition"));
        assertThat(user.kycStatus()).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(value = KycStatus.class, names = {"UNVERIFIED", "VERIFIED", "REJECTED"})
    void onlyAPendingStatusCanBeDecided(KycStatus status) {
        User user = in(status);

        assertThatThrownBy(() -> user.verificationDecided(true)).isInstanceOf(UserFacts.NoVerificationPending.class);
        assertThatThrownBy(() -> user.verificationDecided(false)).isInstanceOf(UserFacts.NoVerificationPending.class);
        assertThat(user.kycStatus()).isEqualTo(status);
    }

    @Test
    void erasureForgetsTheCiphertextsOnceAndKeepsTheStatus() {
        User user = in(KycStatus.VERIFIED);

        assertThat(user.erasePersonalData(NOW)).isTrue();
        assertThat(user.erasePersonalData(NOW.plusSeconds(1))).as("idempotent").isFalse();

        assertThat(user.isErased()).isTrue();
        assertThat(user.fullNameEnc()).isNull();
        assertThat(user.kycStatus()).isEqualTo(KycStatus.VERIFIED);
    }

    private static User newUser() {
        return User.signUp("usr_test", "a@example.com", "{argon2}hash", "GB", new byte[]{1}, new byte[]{2}, NOW);
    }

    /** A user brought into {@code status} through the legal transitions only. */
    private static User in(KycStatus status) {
        User user = newUser();
        switch (status) {
            case UNVERIFIED -> { }
            case PENDING -> user.verificationRequested();
            case VERIFIED -> {
                user.verificationRequested();
                user.verificationDecided(true);
            }
            case REJECTED -> {
                user.verificationRequested();
                user.verificationDecided(false);
            }
        }
        return user;
    }
}
