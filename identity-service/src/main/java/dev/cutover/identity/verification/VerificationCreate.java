package dev.cutover.identity.verification;

import dev.cutover.kit.openapi.ApiRequest;
import jakarta.validation.constraints.NotBlank;

/** The body of {@code POST /api/v1/verifications}. */
@ApiRequest
record VerificationCreate(@NotBlank String kycRecordId) {
}
