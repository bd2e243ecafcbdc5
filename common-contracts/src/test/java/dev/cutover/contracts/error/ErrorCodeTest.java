package dev.cutover.contracts.error;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "validation_failed, 400", "not_found, 404", "unauthorized, 401", "forbidden, 403", "conflict, 409",
        "idempotency_key_reused, 422", "idempotency_key_in_use, 409", "email_taken, 409", "invalid_grant, 401",
        "kyc_required, 403", "invalid_state_transition, 409", "raw_card_data_rejected, 400",
        "payment_method_unusable, 422", "refund_exceeds_amount, 409", "transaction_not_refundable, 409",
        "currency_mismatch, 422", "unbalanced_entry, 422", "insufficient_funds, 422", "already_reversed, 409",
        "dependency_unavailable, 503", "rate_limited, 429", "payload_too_large, 413", "unsupported_media_type, 415"
    })
    void everyCodeOfTheSpecExistsWithItsStatus(String code, int status) {
        assertThat(ErrorCode.fromCode(code)).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(status));
    }

    @Test
    void codesAreLowerSnakeCaseAndTypesAreStableUris() {
        assertThat(ErrorCode.values()).allSatisfy(code -> {
            assertThat(code.code()).matches("[a-z]+(_[a-z]+)*");
            assertThat(code.type().toString()).isEqualTo("https://cutover.dev/problems/" + code.code().replace('_', '-'));
            assertThat(code.title()).isNotBlank();
        });
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).distinct()).hasSize(ErrorCode.values().length);
    }

    @Test
    void anUnknownCodeIsEmpty() {
        assertThat(ErrorCode.fromCode("teapot")).isEmpty();
    }
}
